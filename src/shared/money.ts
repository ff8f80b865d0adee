/**
 * Money is integer subunits (paise for INR), always. This module knows each supported currency's
 * exponent and Razorpay's fee rule: 2% of the amount, plus 18% GST on that fee, except domestic
 * card payments of ₹2,000 or less which carry no GST (behaviors.md §2, "Fee and tax").
 * `fee` includes `tax`, as on the payment entity. Rounding is not documented: we round half up.
 */
export const CURRENCY_EXPONENT: Record<string, number> = {
  INR: 2, USD: 2, EUR: 2, GBP: 2, SGD: 2, AED: 2, AUD: 2, CAD: 2, CHF: 2, HKD: 2, MYR: 2, NZD: 2,
  SAR: 2, SEK: 2, ZAR: 2, QAR: 2, THB: 2, LKR: 2, NPR: 2, BDT: 2, CNY: 2, DKK: 2, NOK: 2, RUB: 2,
  JPY: 0, KWD: 3, BHD: 3, OMR: 3,
}

export function isSupportedCurrency(c: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENT, c)
}

/** "INR 1.00" for 100 paise. */
export function formatAmount(amount: number, currency: string): string {
  const exp = CURRENCY_EXPONENT[currency] ?? 2
  return `${currency} ${(amount / 10 ** exp).toFixed(exp)}`
}

const FEE_RATE_BPS = 200 // 2%
const GST_RATE_PCT = 18
const GST_FREE_CARD_LIMIT = 200000 // ₹2,000 in paise

export function paymentFee(amount: number, opts: { method: string; international: boolean }): { fee: number; tax: number } {
  const base = Math.round((amount * FEE_RATE_BPS) / 10000)
  const gstFree = opts.method === 'card' && !opts.international && amount <= GST_FREE_CARD_LIMIT
  const tax = gstFree ? 0 : Math.round((base * GST_RATE_PCT) / 100)
  return { fee: base + tax, tax }
}
