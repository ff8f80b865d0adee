/**
 * Luhn (mod 10) check for card numbers.
 *
 * Why: every documented Razorpay test card passes Luhn, so the simulated bank uses Luhn as the
 * first line of defence against typos. A number that fails it is rejected at the API edge with
 * the "card number is invalid" validation error rather than reaching the mock bank page.
 */

/**
 * True when `digits` is a non-empty string of ASCII digits whose Luhn checksum is 0.
 * Anything else (spaces, signs, empty) is false; callers strip formatting first.
 *
 * @example luhnValid('4111111111111111') // true
 */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}
