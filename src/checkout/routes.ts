/**
 * Hosted checkout over HTTP — routes only; the work is in service.ts, the markup in view.ts.
 *
 *   GET  /checkout.js, /v1/checkout.js           the Razorpay-compatible script for merchant pages
 *   GET  /checkout/embedded?key_id&origin&id     the checkout page inside the modal's iframe
 *   POST /v1/checkout/embedded                   hosted checkout: the same page, options as form fields
 *   GET  /checkout/assets/:name                  the page's scripts and styles
 *   POST /checkout/bank-return                   where the simulated bank page sends the customer back
 *   GET  /v1/checkout/preferences                merchant, methods and order, by public key id (CORS)
 *   POST /v1/checkout/payments                   start a payment (createPayment)
 *   POST /v1/checkout/payments/:id/otp[/resend]  the card OTP step (submitOtp)
 *   GET  /v1/checkout/payments/:id               where a payment stands
 *   GET  /v1/checkout/upi-qr.svg                 the UPI intent QR (display only)
 *
 * The browser holds only the public key id. Request bodies are never logged (they carry card data).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Deps } from '../http/context.js'
import { isIdOf } from '../shared/ids.js'
import { asset, assetText } from './assets.js'
import { hostedOptions } from './hosted.js'
import { CheckoutOtp, CheckoutPayment, KeyQuery, PreferencesQuery, UpiQrQuery } from './schema.js'
import { checkoutPaymentStatus, merchantForKey, preferences, resendCheckoutOtp, startPayment, submitCheckoutOtp } from './service.js'
import { upiQrSvg } from './upi-qr.js'
import { renderBankReturn, renderCheckoutPage, type BootData } from './view.js'

/** Pages run only Tijori's own scripts and styles; images may be the merchant's logo (URL or data:). */
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self' http: https:",
  "base-uri 'none'",
].join('; ')

const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`

function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(html)
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** The payment a bank-page callback is about: razorpay_payment_id, or error[metadata].payment_id. */
function returnedPaymentId(body: unknown): string {
  const b = (body ?? {}) as { razorpay_payment_id?: unknown; error?: { metadata?: unknown } }
  let id = str(b.razorpay_payment_id)
  if (!id && typeof b.error?.metadata === 'string') {
    try {
      id = str((JSON.parse(b.error.metadata) as { payment_id?: unknown }).payment_id)
    } catch {
      id = null
    }
  }
  return id && isIdOf('payment', id) ? id : ''
}

export function registerCheckout(app: FastifyInstance, deps: Deps): void {
  const script = assetText('checkout.js')
  for (const url of ['/checkout.js', '/v1/checkout.js']) {
    app.get(url, async (req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .header('x-content-type-options', 'nosniff')
        .send(script.replace('"__TIJORI_ORIGIN__"', JSON.stringify(origin(req)))),
    )
  }

  app.get<{ Params: { name: string } }>('/checkout/assets/:name', async (req, reply) => {
    const a = asset(req.params.name)
    if (!a) return reply.callNotFound()
    return reply
      .type(a.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(a.body)
  })

  app.get<{ Querystring: Record<string, unknown> }>('/checkout/embedded', async (req, reply) => {
    const q = req.query
    const boot: BootData = { mode: 'embedded', key_id: str(q.key_id) ?? '', parent_origin: str(q.origin), channel: str(q.id), options: null }
    return sendPage(reply, renderCheckoutPage(boot))
  })

  app.post('/v1/checkout/embedded', async (req, reply) => {
    const options = hostedOptions(req.body)
    const boot: BootData = { mode: 'hosted', key_id: options.key, parent_origin: null, channel: null, options: { ...options } }
    return sendPage(reply, renderCheckoutPage(boot))
  })

  app.post('/checkout/bank-return', async (req, reply) => sendPage(reply, renderBankReturn(returnedPaymentId(req.body))))

  app.get<{ Querystring: PreferencesQuery }>(
    '/v1/checkout/preferences',
    {
      schema: { querystring: PreferencesQuery },
      // checkout.js asks from the merchant's page (another origin) to fire `ready`.
      onRequest: async (_req, reply) => void reply.header('access-control-allow-origin', '*'),
    },
    async (req) => preferences(deps, req.query),
  )

  app.post<{ Body: CheckoutPayment }>('/v1/checkout/payments', { schema: { body: CheckoutPayment } }, async (req) =>
    startPayment(deps, req.body, origin(req)),
  )

  app.post<{ Params: { id: string }; Body: CheckoutOtp }>('/v1/checkout/payments/:id/otp', { schema: { body: CheckoutOtp } }, async (req) =>
    submitCheckoutOtp(deps, req.body.key_id, req.params.id, req.body.otp, origin(req)),
  )

  app.post<{ Params: { id: string }; Body: KeyQuery }>(
    '/v1/checkout/payments/:id/otp/resend',
    { schema: { body: KeyQuery } },
    async (req) => resendCheckoutOtp(deps, req.body.key_id, req.params.id, origin(req)),
  )

  app.get<{ Params: { id: string }; Querystring: KeyQuery }>('/v1/checkout/payments/:id', { schema: { querystring: KeyQuery } }, async (req) =>
    checkoutPaymentStatus(deps, req.query.key_id, req.params.id, origin(req)),
  )

  app.get<{ Querystring: UpiQrQuery }>('/v1/checkout/upi-qr.svg', { schema: { querystring: UpiQrQuery } }, async (req, reply) => {
    const q = req.query
    const merchant = await merchantForKey(deps, q.key_id)
    const amount = Number(q.amount)
    const svg = upiQrSvg({
      merchantId: merchant.id,
      name: q.name ?? '',
      amount: Number.isSafeInteger(amount) && amount > 0 ? amount : 0,
      currency: q.currency ?? 'INR',
      orderId: q.order_id,
    })
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg)
  })
}
