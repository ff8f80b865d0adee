/**
 * What the checkout page is told about a payment: still waiting for the customer (OTP or the bank
 * page), succeeded (with the handler's response: razorpay_payment_id, razorpay_order_id,
 * razorpay_signature), or failed (with Razorpay's customer-facing error). Pure: a payment row in,
 * a wire object out.
 */
import { nextActions } from '../domain/payments/authenticate.js'
import { paymentSignature } from '../shared/crypto.js'
import type { CardRow, PaymentRow } from '../store/schema.js'

export interface CheckoutError {
  code: string
  description: string
  source: string
  step: string
  reason: string
  field?: string
  metadata: { payment_id?: string; order_id?: string }
}

export interface SuccessResponse {
  razorpay_payment_id: string
  razorpay_order_id?: string
  razorpay_signature?: string
}

export type CheckoutOutcome =
  | {
      status: 'created'
      payment_id: string
      order_id: string | null
      next: { action: 'otp'; card: { last4: string; network: string } | null } | { action: 'redirect'; url: string }
    }
  | { status: 'authorized' | 'captured' | 'refunded'; payment_id: string; order_id: string | null; response: SuccessResponse }
  | { status: 'failed'; payment_id: string; order_id: string | null; error: CheckoutError }

/** The handler's response: the signature is HMAC_SHA256(order_id|payment_id, key_secret). */
export function successResponse(p: PaymentRow, keySecret: string): SuccessResponse {
  if (!p.order_id) return { razorpay_payment_id: p.id }
  return {
    razorpay_payment_id: p.id,
    razorpay_order_id: p.order_id,
    razorpay_signature: paymentSignature(p.order_id, p.id, keySecret),
  }
}

export function paymentError(p: PaymentRow): CheckoutError {
  return {
    code: p.error_code ?? 'BAD_REQUEST_ERROR',
    description: p.error_description ?? 'Payment failed',
    source: p.error_source ?? 'customer',
    step: p.error_step ?? 'payment_authentication',
    reason: p.error_reason ?? 'payment_failed',
    metadata: { payment_id: p.id, ...(p.order_id ? { order_id: p.order_id } : {}) },
  }
}

export function outcomeOf(p: PaymentRow, merchant: { keyId: string; keySecret: string }, origin: string, card?: CardRow | null): CheckoutOutcome {
  const ids = { payment_id: p.id, order_id: p.order_id }
  if (p.status === 'failed') return { status: 'failed', ...ids, error: paymentError(p) }
  if (p.status === 'authorized' || p.status === 'captured' || p.status === 'refunded')
    return { status: p.status, ...ids, response: successResponse(p, merchant.keySecret) }
  if (p.auth_step === 'otp')
    return { status: 'created', ...ids, next: { action: 'otp', card: card ? { last4: card.last4, network: card.network } : null } }
  const redirect = nextActions(origin, p, merchant.keyId).find((a) => a.action === 'redirect')
  return { status: 'created', ...ids, next: { action: 'redirect', url: redirect?.url ?? `${origin}/v1/payments/${p.id}/authenticate` } }
}
