/**
 * Paper NACH (RT:api/payments/recurring-payments/paper-nach/create-authorization-transaction.md):
 * the authorisation order hands out a pre-filled form (token.nach.prefilled_form); the customer
 * signs it and it is uploaded — by the customer on the form's page (upload_form_url) or by the
 * merchant with POST /v1/payments/create/nach/file (multipart: order_id, recurring, file). The
 * upload makes the authorisation payment (method nach, amount 0, captured at once) and its token,
 * `initiated` until the bank verifies the form (scenarios.ts: the second 09:00 IST cut-off).
 *
 * Simulated (honestly): the "form" is an HTML page with the mandate's details, not a PDF; an
 * upload is accepted when it is a JPEG or PNG of at most 5 MB — its content is never read, so the
 * documented image_not_clear / form_signature_missing rejections cannot happen. Test instrument:
 * a mandate on account number 1111111111 is rejected by the bank (token.rejected).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { escapeHtml as esc, renderResultPage } from '../../bank/page.js'
import type { Deps, Merchant } from '../../http/context.js'
import { ApiError, badRequest, errors } from '../../http/errors.js'
import { isIdOf, newId } from '../../shared/ids.js'
import { formatAmount } from '../../shared/money.js'
import type { OrderRow, PaymentRow } from '../../store/schema.js'
import { customerStore } from '../customers/store.js'
import { invoiceBeforeInsert } from '../invoices/lifecycle.js'
import { orderStore } from '../orders/store.js'
import { authorize } from '../payments/lifecycle.js'
import { paymentStore } from '../payments/store.js'
import { recurringFlag } from './authorisation.js'
import { chargeResponse } from './charge.js'
import { orderToken } from './mandate.js'
import { tokenStore } from './store.js'

const MAX_FILE = 5 * 1024 * 1024
const formError = (description: string, reason: string, orderId: string | null) =>
  badRequest(description, { source: 'customer', step: 'form_upload', reason, metadata: { payment_id: null, order_id: orderId } })

/** Uploads a signed NACH form for an authorisation order: the authorisation payment, authorized. */
export async function submitNachForm(deps: Deps, merchantId: string, orderId: string, file: { type: string; size: number }): Promise<PaymentRow> {
  if (!/^image\/(jpe?g|png)$/.test(file.type)) throw formError('unknown_file_type', 'unknown_file_type', orderId)
  if (file.size > MAX_FILE) throw formError('file size exceeds limit', 'file_size_exceeds_limit', orderId)
  const now = deps.clock.now(merchantId)
  return deps.store.write(async (tx) => {
    if (!isIdOf('order', orderId)) throw errors.invalidId(orderId, 'order_id')
    const order = await orderStore.findByMerchantIdAndId(tx, merchantId, orderId)
    if (!order) throw errors.notFound('order_id')
    const token = orderToken(order)
    if (!token || token.method !== 'nach') throw badRequest('The order is not a paper NACH authorisation order.', { field: 'order_id' })
    if (order.status === 'paid') throw formError('form_mismatch', 'form_mismatch', orderId)
    const pending = (await paymentStore.listByOrder(tx, merchantId, order.id)).some((p) => p.status === 'created' || p.status === 'authorized')
    if (pending) throw formError('form_status_pending', 'form_status_pending', orderId)
    const customer = await customerStore.findByMerchantIdAndId(tx, merchantId, order.customer_id as string)
    const account = token.bank_account
    await orderStore.recordAttempt(tx, order.id)
    let p: PaymentRow = {
      id: newId('payment'),
      merchant_id: merchantId,
      order_id: order.id,
      invoice_id: null,
      amount: order.amount,
      currency: order.currency,
      status: 'created',
      method: 'nach',
      international: 0,
      amount_refunded: 0,
      refund_status: null,
      captured: 0,
      description: null,
      card_id: null,
      bank: account ? account.ifsc.slice(0, 4) : null,
      wallet: null,
      vpa: null,
      email: customer?.email ?? null,
      contact: customer?.contact ?? null,
      customer_id: order.customer_id ?? null,
      token_id: null,
      notes: '{}',
      fee: null,
      tax: null,
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: '{}',
      upi: null,
      scenario: 'nach_form',
      auth_step: null,
      otp_attempts: 0,
      callback_url: null,
      created_at: now,
      authorized_at: null,
      captured_at: null,
    }
    p = await invoiceBeforeInsert(tx, { merchant: { id: merchantId, keyId: '', keySecret: '' }, order, input: {} as never, payment: p, card: null, now })
    await tokenStore.insertMandate(tx, {
      payment_id: p.id,
      merchant_id: merchantId,
      customer_id: order.customer_id as string,
      auth_type: 'physical',
      bank_account: account ? JSON.stringify(account) : null,
      par: null,
      created_at: now,
    })
    await paymentStore.insert(tx, p)
    return authorize(tx, p, now)
  })
}

// ---- multipart (POST /v1/payments/create/nach/file) ---------------------------------------------

interface Part {
  name: string
  filename: string | null
  type: string
  data: Buffer
}

/** A small multipart/form-data reader: enough for a few fields and one file. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) throw errors.invalid('file', 'The request is not valid multipart/form-data.')
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`)
  const parts: Part[] = []
  let pos = body.indexOf(boundary)
  while (pos !== -1) {
    const start = pos + boundary.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd === -1) break
    const headers = body.subarray(start, headerEnd).toString('utf8')
    const next = body.indexOf(boundary, headerEnd + 4)
    if (next === -1) break
    const data = body.subarray(headerEnd + 4, next - 2) // the CRLF before the boundary
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? ''
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1] ?? null
    const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim().toLowerCase() ?? 'text/plain'
    parts.push({ name, filename, type, data })
    pos = next
  }
  return parts
}

function fileType(p: Part): string {
  if (p.type !== 'application/octet-stream' && p.type !== 'text/plain') return p.type
  const ext = p.filename?.split('.').pop()?.toLowerCase()
  return ext === 'png' ? 'image/png' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : p.type
}

export function registerNachPages(app: FastifyInstance, deps: Deps): void {
  // The API upload, in its own plugin scope so that only this route reads multipart bodies.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_FILE + 64 * 1024 }, (_req, body, done) => done(null, body))
    scope.post('/v1/payments/create/nach/file', { bodyLimit: MAX_FILE + 64 * 1024 }, async (req: FastifyRequest, reply) => {
      const merchant: Merchant = await deps.auth.authenticate(req.headers.authorization)
      const ct = String(req.headers['content-type'] ?? '')
      if (!ct.startsWith('multipart/form-data') || !Buffer.isBuffer(req.body)) throw errors.required('file')
      const parts = parseMultipart(req.body, ct)
      const field = (n: string) => parts.find((p) => p.name === n && p.filename === null)?.data.toString('utf8').trim()
      const orderId = field('order_id')
      if (!orderId) throw errors.required('order_id')
      if (recurringFlag(field('recurring')) !== 'yes') throw errors.required('recurring')
      const file = parts.find((p) => p.name === 'file' && p.filename !== null)
      if (!file) throw errors.required('file')
      const p = await submitNachForm(deps, merchant.id, orderId, { type: fileType(file), size: file.data.length })
      return reply.send(chargeResponse(p, merchant.keySecret))
    })
  })

  // The pre-filled form and its upload page (customer-facing, no credentials).
  app.get<{ Params: { id: string } }>('/v1/nach/:id/form', async (req, reply) => {
    reply.type('text/html; charset=utf-8')
    const order = isIdOf('order', req.params.id) ? await deps.store.db.selectFrom('orders').selectAll().where('id', '=', req.params.id).executeTakeFirst() : undefined
    const token = order ? orderToken(order) : null
    if (!order || !token || token.method !== 'nach') return reply.code(404).send(renderResultPage('Form not found', ['No NACH form exists for this order.']))
    return reply.send(renderNachForm(order, token))
  })
  app.post<{ Params: { id: string } }>('/v1/nach/:id/form', async (req, reply) => {
    reply.type('text/html; charset=utf-8')
    const order = isIdOf('order', req.params.id) ? await deps.store.db.selectFrom('orders').selectAll().where('id', '=', req.params.id).executeTakeFirst() : undefined
    if (!order) return reply.code(404).send(renderResultPage('Form not found', ['No NACH form exists for this order.']))
    try {
      const p = await submitNachForm(deps, order.merchant_id, order.id, { type: 'image/jpeg', size: 1 })
      return reply.send(renderResultPage('Form received', [`Authorisation payment ${p.id} is ${p.status}.`, 'The bank verifies the form; the mandate is confirmed or rejected then.']))
    } catch (e) {
      if (e instanceof ApiError) return reply.code(e.status).send(renderResultPage('Form not accepted', [e.body.description]))
      throw e
    }
  })
}

function renderNachForm(order: OrderRow, token: NonNullable<ReturnType<typeof orderToken>>): string {
  const b = token.bank_account
  const rows: [string, string][] = [
    ['Order', order.id],
    ['Maximum debit', formatAmount(token.max_amount, token.currency)],
    ['Valid until', token.expire_at ? new Date(token.expire_at * 1000).toISOString().slice(0, 10) : '—'],
    ['Account holder', b?.name ?? '—'],
    ['Account number', b?.account_number ?? '—'],
    ['IFSC', b?.ifsc ?? '—'],
    ['Account type', b?.account_type ?? '—'],
    ['Reference 1', token.nach?.form_reference1 ?? '—'],
    ['Reference 2', token.nach?.form_reference2 ?? '—'],
  ]
  const table = rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NACH mandate form · Tijori</title></head><body><main>
<h1>NACH debit mandate (test form)</h1><p>${esc(token.nach?.description ?? '')}</p><table>${table}</table>
<p>Test mode: print, sign and upload the form; here one button stands for the signed upload.</p>
<form method="POST" action="/v1/nach/${esc(order.id)}/form"><button type="submit">Upload the signed form (simulated)</button></form>
</main></body></html>`
}
