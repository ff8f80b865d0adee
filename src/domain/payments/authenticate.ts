/**
 * The authentication step of a created payment: the OTP API (S2S native OTP) and the simulated bank
 * page (redirect flow, also used by the hosted checkout). The simulated bank decides; this module
 * applies its verdict in one transaction and answers with what Razorpay answers.
 */
import { bankPageOutcome, cardOutcome, type BankOutcome, type CardScenario } from '../../bank/index.js'
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest } from '../../http/errors.js'
import { paymentSignature } from '../../shared/crypto.js'
import type { Db, PaymentRow } from '../../store/schema.js'
import { bankError } from './create.js'
import { authorize, fail } from './lifecycle.js'
import { getPayment } from './queries.js'
import { paymentStore } from './store.js'

export interface AuthResult {
  razorpay_payment_id: string
  razorpay_order_id?: string
  razorpay_signature?: string
}

/** Network codes as the OTP metadata block shows them (RT: s2s json v2 cards, otp_generate sample). */
const NETWORK_CODE: Record<string, string> = {
  Visa: 'VISA',
  MasterCard: 'MC',
  RuPay: 'RUPAY',
  'American Express': 'AMEX',
  'Diners Club': 'DICL',
  Maestro: 'MAES',
}

export function nextActions(origin: string, p: PaymentRow, keyId: string): { action: string; url: string }[] {
  const base = `${origin}/v1/payments/${p.id}`
  const q = `?key_id=${encodeURIComponent(keyId)}`
  // UPI collect: the customer approves on their UPI app, so the merchant polls the payment
  // (RT:payments/payment-gateway/s2s-integration/json/v2/build-integration/upi/collect.md, create/json
  // and create/upi responses both carry next = [{action: 'poll', url: <payment URL>}]).
  if (p.method === 'upi') return [{ action: 'poll', url: base }]
  const redirect = { action: 'redirect', url: `${base}/authenticate` }
  if (p.auth_step === 'otp')
    return [
      { action: 'otp_submit', url: `${base}/otp/submit${q}` },
      { action: 'otp_resend', url: `${base}/otp/resend${q}` },
      redirect,
    ]
  if (p.auth_step === 'redirect') return [redirect]
  return []
}

function requireAwaiting(p: PaymentRow, step: 'otp' | 'any'): void {
  if (p.status !== 'created' || p.auth_step === null)
    throw badRequest(`Payment processing is complete for this payment: it is ${p.status}.`, {
      field: 'payment_id',
      metadata: { payment_id: p.id, ...(p.order_id ? { order_id: p.order_id } : {}) },
    })
  if (step === 'otp' && p.auth_step !== 'otp')
    throw badRequest('The otp authentication type is not applicable on this payment', {
      metadata: { payment_id: p.id },
    })
}

function success(p: PaymentRow, keySecret: string): AuthResult {
  if (!p.order_id) return { razorpay_payment_id: p.id }
  return { razorpay_payment_id: p.id, razorpay_order_id: p.order_id, razorpay_signature: paymentSignature(p.order_id, p.id, keySecret) }
}

async function apply(tx: Db, p: PaymentRow, outcome: BankOutcome, now: number): Promise<PaymentRow> {
  if (outcome.status === 'authorized') return authorize(tx, p, now)
  if (outcome.status === 'failed') return fail(tx, p, outcome.error, now)
  throw bankError(outcome.error, { payment_id: p.id })
}

/** After a failure commits, the API answers with the bank's error and the payment/order ids. */
function failureError(p: PaymentRow) {
  return bankError(
    {
      code: p.error_code as 'BAD_REQUEST_ERROR',
      description: p.error_description ?? 'Payment failed',
      source: p.error_source ?? 'customer',
      step: p.error_step ?? 'payment_authentication',
      reason: p.error_reason ?? 'payment_failed',
    },
    { payment_id: p.id, ...(p.order_id ? { order_id: p.order_id } : {}) },
  )
}

export async function submitOtp(deps: Deps, merchant: Merchant, id: string, otp: unknown): Promise<AuthResult> {
  const now = deps.clock.now(merchant.id)
  const after = await deps.store.write(async (tx) => {
    const p = await getPayment(tx, merchant.id, id)
    requireAwaiting(p, 'otp')
    const outcome = cardOutcome(p.scenario as CardScenario, 'success', typeof otp === 'number' ? String(otp) : otp)
    return apply(tx, p, outcome, now)
  })
  if (after.status === 'failed') throw failureError(after)
  return success(after, merchant.keySecret)
}

export async function otpGenerate(deps: Deps, merchant: Merchant, id: string, origin: string) {
  const p = await getPayment(deps.store.db, merchant.id, id)
  requireAwaiting(p, 'otp')
  const card = p.card_id ? await paymentStore.findCard(deps.store.db, merchant.id, p.card_id) : undefined
  return {
    razorpay_payment_id: p.id,
    next: nextActions(origin, p, merchant.keyId).filter((a) => a.action !== 'redirect'),
    metadata: card ? { issuer: card.issuer, network: NETWORK_CODE[card.network] ?? card.network, last4: card.last4, iin: card.iin } : {},
  }
}

export async function otpResend(deps: Deps, merchant: Merchant, id: string, origin: string) {
  const p = await getPayment(deps.store.db, merchant.id, id)
  requireAwaiting(p, 'otp')
  return { next: nextActions(origin, p, merchant.keyId).filter((a) => a.action !== 'redirect'), razorpay_payment_id: p.id }
}

/**
 * The customer pressed Success or Failure on the bank page. The page carries no merchant
 * credentials, so the payment is found by id alone; the merchant's secret signs the result.
 */
export async function actOnBankPage(deps: Deps, id: string, action: 'success' | 'failure'): Promise<PaymentRow> {
  return deps.store.write(async (tx) => {
    const p = await paymentStore.findById(tx, id)
    if (!p) throw badRequest('The id provided does not exist', { field: 'id' })
    requireAwaiting(p, 'any')
    const now = deps.clock.now(p.merchant_id)
    const outcome =
      p.method === 'card' || p.method === 'emi'
        ? cardOutcome(p.scenario as CardScenario, action)
        : bankPageOutcome(p.method === 'wallet' ? 'wallet' : 'netbanking', action)
    return apply(tx, p, outcome, now)
  })
}
