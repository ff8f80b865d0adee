/**
 * Recurring charges: POST /v1/payments/create/recurring (SEED-002, SEED-004;
 * RT:api/payments/recurring-payments/*\/create-subsequent-payments.md). A new ordinary order per
 * charge; the amount must equal the order's; the token must be the customer's, confirmed,
 * unexpired, and the amount at most its max_amount. A refused charge creates no payment (400, with
 * the documented UPI mandate reasons: mandate_not_active, mandate_paused, mandate_cancelled,
 * mandate_expired, amount_does_not_match_mandate_amount, invalid_token; the UPI texts are
 * documented, the e-mandate/card/NACH wording of the same reasons is CHOSEN).
 *
 * The answer is always the trio (razorpay_payment_id, razorpay_order_id, razorpay_signature).
 * Card debits are answered at once; e-mandate, NACH and UPI debits stay `created` until the bank
 * answers (scenarios.ts), when a job authorizes (and, per the order, captures) or fails them —
 * with payment.authorized/captured/failed and order.paid as for any payment.
 */
import type { Deps, Merchant } from '../../http/context.js'
import type { JobRegistry } from '../../jobs/registry.js'
import { scheduleJob } from '../../jobs/schedule.js'
import { badRequest, errors, type ApiError } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import { paymentSignature } from '../../shared/crypto.js'
import { isIdOf, newId } from '../../shared/ids.js'
import type { Db, PaymentRow } from '../../store/schema.js'
import { getCustomer } from '../customers/service.js'
import { orderStore } from '../orders/store.js'
import { checkOrder } from '../payments/create.js'
import { authorize, fail } from '../payments/lifecycle.js'
import { paymentStore } from '../payments/store.js'
import { recurringFlag } from './authorisation.js'
import { orderToken } from './mandate.js'
import { debitAnsweredAt, debitFailure } from './scenarios.js'
import type { RecurringPaymentCreate } from './schema.js'
import { tokenStore, type TokenRow } from './store.js'

export const DEBIT_JOB = 'recurring.debit'

const mandateError = (reason: string, description: string): ApiError => badRequest(description, { field: 'token', reason })

/** Why this token cannot be charged `amount` now, or null. */
export function chargeRefusal(t: TokenRow, amount: number, now: number): ApiError | null {
  const upi = t.method === 'upi'
  if (t.source !== 'recurring' || t.recurring_status === null) return mandateError('invalid_token', 'Invalid Token.')
  if (t.status === 'deleted' || t.recurring_status === 'cancelled')
    return mandateError('mandate_cancelled', upi ? 'UPI mandate created for payment has been cancelled by user.' : 'The mandate of this token has been cancelled.')
  if (t.recurring_status === 'paused') return mandateError('mandate_paused', 'UPI mandate is not active, it is paused by user.')
  if (t.recurring_status !== 'confirmed')
    return mandateError('mandate_not_active', upi ? 'UPI mandate is not active.' : `The mandate is not active: the token is ${t.recurring_status}.`)
  if (t.expired_at !== null && t.expired_at <= now) return mandateError('mandate_expired', upi ? 'UPI Mandate is expired.' : 'The mandate has expired.')
  if (t.max_amount !== null && amount > t.max_amount)
    return mandateError(
      'amount_does_not_match_mandate_amount',
      'The payment failed as the amount does not match the amount provided at the time of mandate creation.',
    )
  return null
}

async function customerToken(tx: Db, merchantId: string, customerId: string, tokenId: string): Promise<TokenRow> {
  if (!isIdOf('token', tokenId)) throw errors.invalidId(tokenId, 'token')
  const t = await tokenStore.findByMerchantIdAndId(tx, merchantId, tokenId)
  if (!t || t.customer_id !== customerId) throw errors.notFound('token')
  return t
}

export async function createRecurringPayment(deps: Deps, merchant: Merchant, input: RecurringPaymentCreate): Promise<PaymentRow> {
  if (recurringFlag(input.recurring) !== 'yes') throw badRequest('The recurring field must be 1 or true for a recurring payment.', { field: 'recurring' })
  const notes = JSON.stringify(validateNotes(input.notes))
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const order = await checkOrder(tx, merchant, input)
    if (orderToken(order))
      throw badRequest('An authorisation order cannot be charged: create a new order for each recurring payment.', { field: 'order_id' })
    const pending = (await paymentStore.listByOrder(tx, merchant.id, order.id)).some((p) => p.status === 'created')
    if (pending) throw badRequest('A payment on this order is still being processed. Wait for its outcome before charging again.', { field: 'order_id' })
    const customer = await getCustomer(tx, merchant.id, input.customer_id, 'customer_id')
    const t = await customerToken(tx, merchant.id, customer.id, input.token)
    const refusal = chargeRefusal(t, input.amount, now)
    if (refusal) throw refusal
    await orderStore.recordAttempt(tx, order.id)
    let p: PaymentRow = {
      id: newId('payment'),
      merchant_id: merchant.id,
      order_id: order.id,
      invoice_id: null,
      amount: input.amount,
      currency: input.currency,
      status: 'created',
      method: t.method,
      international: 0,
      amount_refunded: 0,
      refund_status: null,
      captured: 0,
      description: input.description ?? null,
      card_id: t.card_id,
      bank: t.bank,
      wallet: null,
      vpa: t.vpa,
      email: input.email,
      contact: String(input.contact),
      customer_id: customer.id,
      token_id: t.id,
      notes,
      fee: null,
      tax: null,
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: '{}',
      upi: t.method === 'upi' ? JSON.stringify({ payer_account_type: 'bank_account', vpa: t.vpa, flow: 'recurring' }) : null,
      scenario: 'recurring',
      auth_step: null,
      otp_attempts: 0,
      callback_url: null,
      created_at: now,
      authorized_at: null,
      captured_at: null,
    }
    if (t.card_id) {
      const card = await paymentStore.findCard(tx, merchant.id, t.card_id)
      p.international = card?.international ?? 0
    }
    await paymentStore.insert(tx, p)
    await tokenStore.update(tx, t.id, { kind: 'used', at: now })
    const at = debitAnsweredAt(t, now)
    if (at <= now) p = await answerDebit(tx, p, t, now)
    else await scheduleJob(tx, { merchantId: merchant.id, kind: DEBIT_JOB, subjectId: p.id, runAt: at, now })
    return p
  })
}

/** The bank answers a debit: authorized (then captured if the order says so) or failed. */
async function answerDebit(tx: Db, p: PaymentRow, t: TokenRow, now: number): Promise<PaymentRow> {
  // A mandate cancelled while the debit waited is no longer honoured.
  const cancelled = t.status === 'deleted' || t.recurring_status !== 'confirmed'
  const failure = cancelled
    ? { code: 'BAD_REQUEST_ERROR' as const, description: 'The registered mandate is no longer active.', source: 'customer', step: 'payment_authorization', reason: 'mandate_not_active' }
    : debitFailure(t)
  return failure ? fail(tx, p, failure, now) : authorize(tx, p, now)
}

/** The trio Razorpay answers (signature = HMAC(order_id|payment_id, key_secret)). */
export function chargeResponse(p: PaymentRow, keySecret: string) {
  const orderId = p.order_id as string
  return { razorpay_payment_id: p.id, razorpay_order_id: orderId, razorpay_signature: paymentSignature(orderId, p.id, keySecret) }
}

export function registerDebitJobs(jobs: JobRegistry): void {
  jobs.register(DEBIT_JOB, async (tx, job, { now }) => {
    const p = job.subject_id ? await paymentStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id) : undefined
    if (!p || p.status !== 'created' || !p.token_id) return
    const t = await tokenStore.findByMerchantIdAndId(tx, job.merchant_id, p.token_id)
    if (t) await answerDebit(tx, p, t, now)
  })
}
