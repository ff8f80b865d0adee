/**
 * Card network detection from the IIN (the leading digits of a card number).
 *
 * Why: a Luhn-valid number that is not one of the documented test cards still behaves as a
 * success card, and its `card.network` must be one of the names Razorpay's card entity uses
 * (RT:api/payments/entity.md: "American Express", "Diners Club", "Maestro", "MasterCard",
 * "RuPay", "Unknown", "Visa"). The ranges are the usual public IIN ranges, simplified: RuPay's
 * 60/65/81/82/508 win over Maestro's 50/56–58/6x, as Indian RuPay cards are far more common.
 */

export const CARD_NETWORKS = [
  'Visa',
  'MasterCard',
  'RuPay',
  'American Express',
  'Diners Club',
  'Maestro',
  'Unknown',
] as const

export type CardNetwork = (typeof CARD_NETWORKS)[number]

function prefixIn(digits: string, len: number, lo: number, hi: number): boolean {
  if (digits.length < len) return false
  const p = Number(digits.slice(0, len))
  return p >= lo && p <= hi
}

/**
 * The network for a digits-only card number (or IIN). Order matters: more specific prefixes first.
 *
 * @example networkFromIin('5105105105105100') // 'MasterCard'
 */
export function networkFromIin(digits: string): CardNetwork {
  if (!/^[0-9]+$/.test(digits)) return 'Unknown'
  if (prefixIn(digits, 2, 34, 34) || prefixIn(digits, 2, 37, 37)) return 'American Express'
  if (prefixIn(digits, 2, 36, 36) || prefixIn(digits, 2, 38, 38) || prefixIn(digits, 3, 300, 305)) {
    return 'Diners Club'
  }
  if (digits.startsWith('4')) return 'Visa'
  if (prefixIn(digits, 2, 51, 55) || prefixIn(digits, 4, 2221, 2720)) return 'MasterCard'
  if (
    digits.startsWith('508') ||
    digits.startsWith('60') ||
    digits.startsWith('65') ||
    digits.startsWith('81') ||
    digits.startsWith('82')
  ) {
    return 'RuPay'
  }
  if (digits.startsWith('50') || prefixIn(digits, 2, 56, 58) || digits.startsWith('6')) return 'Maestro'
  return 'Unknown'
}

/** CVV length per network: 4 for American Express, 3 for everything else. */
export function cvvLength(network: string): 3 | 4 {
  return network === 'American Express' ? 4 : 3
}
