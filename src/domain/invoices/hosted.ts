/**
 * The short URL of an invoice or registration link (GET /i/:id): the customer's way in to Tijori's
 * hosted checkout. It answers a page that posts the checkout options — key id, the invoice's order,
 * the customer and, for a registration link, `recurring` — to POST /v1/checkout/embedded (the
 * hosted-checkout entry, src/checkout/), where the customer pays or authorises through the same
 * services as the API. An invoice that can no longer be paid answers a page saying why.
 * No merchant credentials are involved: the page carries the public key id only.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { escapeHtml as esc } from '../../bank/page.js'
import type { Deps } from '../../http/context.js'
import { formatAmount } from '../../shared/money.js'
import { isRIdOf } from '../customers/ids.js'
import { merchantStore } from '../merchants/store.js'
import type { CustomerDetails } from './entity.js'
import { PAYABLE } from './lifecycle.js'
import { invoiceStore, type InvoiceRow } from './store.js'

const SUBMIT = "document.getElementById('pay').submit()"
const SUBMIT_HASH = createHash('sha256').update(SUBMIT).digest('base64')
const CSP = `default-src 'none'; script-src 'sha256-${SUBMIT_HASH}'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'`

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<title>${esc(title)} · Tijori</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}</style></head>` +
        `<body><main><h1>${esc(title)}</h1>${body}</main></body></html>`,
    )
}

const STATUS_TEXT: Record<string, string> = {
  paid: 'This link has been paid.',
  cancelled: 'This link has been cancelled.',
  expired: 'This link has expired.',
}

/** The hidden fields of the hosted-checkout form for a payable invoice. */
export function checkoutFields(i: InvoiceRow, keyId: string, merchantName: string): Record<string, string> {
  const f: Record<string, string> = {
    key_id: keyId,
    invoice_id: i.id,
    order_id: i.order_id ?? '',
    amount: String(i.amount - i.amount_paid),
    currency: i.currency,
    name: merchantName,
  }
  if (i.description) f.description = i.description
  if (i.subscription_registration !== null) f.recurring = '1'
  if (i.customer_id !== null) f.customer_id = i.customer_id
  const c = i.customer_details ? (JSON.parse(i.customer_details) as CustomerDetails) : null
  if (c?.name) f['prefill[name]'] = c.name
  if (c?.email) f['prefill[email]'] = c.email
  if (c?.contact) f['prefill[contact]'] = c.contact
  return f
}

export function registerInvoicePage(app: FastifyInstance, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/i/:id', async (req, reply) => {
    const id = req.params.id
    const i = isRIdOf('invoice', id) ? await invoiceStore.findById(deps.store.db, id) : undefined
    if (!i || i.status === 'deleted' || i.status === 'draft') return page(reply, 404, 'Link not found', `<p>No payment link ${esc(id)} exists.</p>`)
    if (!PAYABLE.has(i.status)) return page(reply, 200, 'Nothing to pay', `<p>${esc(STATUS_TEXT[i.status] ?? `This link is ${i.status}.`)}</p>`)
    const key = (await merchantStore.activeKeys(deps.store.db, i.merchant_id))[0]
    const merchant = await merchantStore.findById(deps.store.db, i.merchant_id)
    if (!key) return page(reply, 200, 'Cannot take payments', '<p>The merchant has no active API key.</p>')
    const fields = checkoutFields(i, key.key_id, merchant?.name ?? '')
    const inputs = Object.entries(fields)
      .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
      .join('')
    const what = i.subscription_registration !== null ? 'Authorise the mandate' : `Pay ${esc(formatAmount(i.amount - i.amount_paid, i.currency))}`
    return page(
      reply,
      200,
      i.description ?? 'Payment link',
      `<form id="pay" method="POST" action="/v1/checkout/embedded">${inputs}<button type="submit">${what}</button></form><script>${SUBMIT}</script>`,
    )
  })
}
