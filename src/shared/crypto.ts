/** HMAC-SHA256 (lowercase hex) as Razorpay signs payments and webhooks, and constant-time compare. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex')
}

/** razorpay_signature for a payment on an order: HMAC(order_id|payment_id, key_secret). */
export function paymentSignature(orderId: string, paymentId: string, keySecret: string): string {
  return hmacSha256Hex(keySecret, `${orderId}|${paymentId}`)
}

/** Compares secrets in time independent of where they differ (digests equalise the lengths). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest()
  const db = createHash('sha256').update(b).digest()
  return timingSafeEqual(da, db)
}
