/**
 * Webhook request signing: X-Razorpay-Signature is the lowercase hex HMAC-SHA256 of the raw body,
 * keyed with the webhook secret that was current when the event happened (RT:webhooks/validate-test.md).
 * A webhook without a secret gets no signature header. Receivers check it with the SDK's
 * `Razorpay.validateWebhookSignature(rawBody, signature, secret)` — over the raw bytes, never a
 * re-serialised object.
 */
import { hmacSha256Hex } from '../shared/crypto.js'

export const USER_AGENT = 'Razorpay-Webhook/v1'

export function webhookSignature(body: string, secret: string): string {
  return hmacSha256Hex(secret, body)
}

/** The headers of one delivery attempt; identical on every retry of the same event. */
export function deliveryHeaders(body: string, eventId: string, secret: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': USER_AGENT,
    'X-Razorpay-Event-Id': eventId,
  }
  if (secret) headers['X-Razorpay-Signature'] = webhookSignature(body, secret)
  return headers
}
