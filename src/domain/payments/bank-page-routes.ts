/**
 * The customer-facing bank page of the redirect flow: GET shows Success/Failure, POST applies the
 * choice through the same payment services as the API, then hands the customer back to the
 * merchant's callback_url (a POST with razorpay_payment_id, razorpay_order_id, razorpay_signature,
 * or error[...] fields) or shows the result. No merchant credentials are involved.
 */
import type { FastifyInstance } from 'fastify'
import { renderBankPage, renderCallbackPost, renderResultPage } from '../../bank/page.js'
import { bankName } from '../../bank/index.js'
import type { Deps } from '../../http/context.js'
import { ApiError } from '../../http/errors.js'
import { paymentSignature } from '../../shared/crypto.js'
import { isIdOf } from '../../shared/ids.js'
import { formatAmount } from '../../shared/money.js'
import { merchantStore } from '../merchants/store.js'
import { actOnBankPage } from './authenticate.js'
import { BankPageAction } from './schema.js'
import { paymentStore } from './store.js'

export function registerBankPage(app: FastifyInstance, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/v1/payments/:id/authenticate', async (req, reply) => {
    const id = req.params.id
    const p = isIdOf('payment', id) ? await paymentStore.findById(deps.store.db, id) : undefined
    reply.type('text/html; charset=utf-8')
    if (!p) return reply.code(404).send(renderResultPage('Payment not found', [`No payment ${id} exists.`]))
    if (p.status !== 'created' || p.auth_step === null)
      return renderResultPage('Nothing to authenticate', [`Payment ${p.id} is ${p.status}.`])
    const card = p.card_id ? await paymentStore.findCard(deps.store.db, p.merchant_id, p.card_id) : undefined
    const instrument = card
      ? `${card.network} card ending ${card.last4}`
      : p.method === 'netbanking' || p.method === 'emandate' // e-mandate: the mandate's bank (issue 5)
        ? (bankName(p.bank) ?? p.bank ?? '')
        : (p.wallet ?? p.method)
    return renderBankPage({
      paymentId: p.id,
      amountText: formatAmount(p.amount, p.currency),
      method: p.method,
      instrument,
      actionUrl: `/v1/payments/${p.id}/authenticate`,
    })
  })

  app.post<{ Params: { id: string }; Body: { action: 'success' | 'failure' } }>(
    '/v1/payments/:id/authenticate',
    { schema: { body: BankPageAction } },
    async (req, reply) => {
      reply.type('text/html; charset=utf-8')
      let p
      try {
        p = await actOnBankPage(deps, req.params.id, req.body.action)
      } catch (e) {
        if (e instanceof ApiError) return reply.code(e.status).send(renderResultPage('Payment not processed', [e.body.description]))
        throw e
      }
      const fields: Record<string, string> = {}
      if (p.status === 'failed') {
        Object.assign(fields, {
          'error[code]': p.error_code ?? '',
          'error[description]': p.error_description ?? '',
          'error[source]': p.error_source ?? '',
          'error[step]': p.error_step ?? '',
          'error[reason]': p.error_reason ?? '',
          'error[metadata]': JSON.stringify({ payment_id: p.id, order_id: p.order_id }),
        })
      } else {
        fields.razorpay_payment_id = p.id
        if (p.order_id) {
          const key = (await merchantStore.activeKeys(deps.store.db, p.merchant_id))[0]
          fields.razorpay_order_id = p.order_id
          if (key) fields.razorpay_signature = paymentSignature(p.order_id, p.id, key.secret)
        }
      }
      if (p.callback_url) return renderCallbackPost(p.callback_url, fields)
      return p.status === 'failed'
        ? renderResultPage('Payment failed', [p.error_description ?? 'Payment failed', `Payment id: ${p.id}`])
        : renderResultPage('Payment successful', [`Payment id: ${p.id}`, `Status: ${p.status}`])
    },
  )
}
