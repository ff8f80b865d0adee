/** /v1/payments and /v1/methods — HTTP only. */
import { errors } from '../../http/errors.js'
import { paymentMethods, validateVpa } from '../../bank/index.js'
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { cardToWire, paymentToWire } from './entity.js'
import { bankError, createPayment, createUpiPayment } from './create.js'
import { nextActions, otpGenerate, otpResend, submitOtp } from './authenticate.js'
import { capturePayment, editPaymentNotes } from './capture.js'
import { getPayment, getPaymentCard, parsePaymentExpand } from './queries.js'
import { renderPayments } from './render.js'
import { paymentStore } from './store.js'
import { Capture, OtpSubmit, PaymentCreateJson, PaymentCreateUpi, PaymentEdit, PaymentQuery, ValidateVpa } from './schema.js'

export const paymentRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/payments/create/json',
    body: PaymentCreateJson,
    handler: async ({ merchant, body, deps, origin }) => {
      const { payment } = await createPayment(deps, merchant, body)
      return { razorpay_payment_id: payment.id, next: nextActions(origin, payment, merchant.keyId) }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/create/upi',
    body: PaymentCreateUpi,
    handler: async ({ merchant, body, deps, origin }) => {
      const { payment } = await createUpiPayment(deps, merchant, body)
      return { razorpay_payment_id: payment.id, next: nextActions(origin, payment, merchant.keyId) }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/validate/vpa',
    body: ValidateVpa,
    handler: async ({ body }) => {
      const r = validateVpa(body.vpa)
      if (!r.ok) throw bankError(r.error)
      return r.body
    },
  }),
  defineRoute({ method: 'GET', url: '/v1/methods', handler: async () => paymentMethods() }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/:id/otp_generate',
    handler: async ({ merchant, params, deps, origin }) => otpGenerate(deps, merchant, params.id, origin),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/:id/otp/submit',
    body: OtpSubmit,
    handler: async ({ merchant, params, body, deps }) => submitOtp(deps, merchant, params.id, body.otp),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/:id/otp/resend',
    handler: async ({ merchant, params, deps, origin }) => otpResend(deps, merchant, params.id, origin),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/payments',
    query: PaymentQuery,
    handler: async ({ merchant, query, deps }) => {
      const page = parsePage(query)
      const expand = parsePaymentExpand(query.expand)
      const rows = await paymentStore.list(deps.store.db, merchant.id, page)
      return collection(await renderPayments(deps.store.db, merchant.id, rows, expand))
    },
  }),
  // Razorpay collections that live under /v1/payments/ but are not served here (payment downtimes,
  // QR codes): without these the :id route below would read them as a malformed payment id.
  ...['/v1/payments/downtimes', '/v1/payments/qr_codes'].map((url) =>
    defineRoute({
      method: 'GET',
      url,
      handler: async () => {
        throw errors.urlNotFound()
      },
    }),
  ),
  defineRoute({
    method: 'GET',
    url: '/v1/payments/:id',
    query: PaymentQuery,
    handler: async ({ merchant, params, query, deps }) => {
      const expand = parsePaymentExpand(query.expand)
      const p = await getPayment(deps.store.db, merchant.id, params.id)
      const [wire] = await renderPayments(deps.store.db, merchant.id, [p], expand)
      return wire
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/payments/:id',
    body: PaymentEdit,
    handler: async ({ merchant, params, body, deps }) => paymentToWire(await editPaymentNotes(deps, merchant, params.id, body.notes)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/:id/capture',
    body: Capture,
    handler: async ({ merchant, params, body, deps }) => paymentToWire(await capturePayment(deps, merchant, params.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/payments/:id/card',
    handler: async ({ merchant, params, deps }) => cardToWire(await getPaymentCard(deps.store.db, merchant.id, params.id)),
  }),
]
