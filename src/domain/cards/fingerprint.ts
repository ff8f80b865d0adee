/**
 * Card references (RT:api/payments/cards/fingerprints*.md): the network's Payment Account
 * Reference (PAR, 29 characters, Visa and Mastercard) or RuPay's network reference id (36
 * characters). The same card always gets the same reference, whatever the merchant or token.
 *
 * Simulated: the reference is derived from a one-way digest of the card number (HMAC-SHA256 with a
 * fixed key). Only the digest is stored (payment_mandates.par, tokens.par), never the number; the
 * number space of test cards is small, so the digest is a fingerprint, not a secret.
 */
import { hmacSha256Hex } from '../../shared/crypto.js'

const KEY = 'tijori-card-reference'

/** The stored fingerprint of a card number (digits only). */
export function cardDigest(digits: string): string {
  return hmacSha256Hex(KEY, digits)
}

function digitsOf(hex: string, n: number): string {
  let out = ''
  for (let i = 0; out.length < n; i = (i + 2) % hex.length) out += String(parseInt(hex.slice(i, i + 2), 16) % 10)
  return out
}

export interface CardReference {
  payment_account_reference: string | null
  network_reference_id: string | null
}

/** null when the network gives no reference (Amex, Diners, Maestro, …). */
export function cardReference(digest: string, network: string): CardReference | null {
  if (network === 'Visa') return { payment_account_reference: `V001${digitsOf(digest, 25)}`, network_reference_id: null }
  if (network === 'MasterCard') return { payment_account_reference: `5001${digitsOf(digest, 25)}`, network_reference_id: null }
  if (network === 'RuPay') return { payment_account_reference: null, network_reference_id: `1001${digest.slice(0, 32)}` }
  return null
}
