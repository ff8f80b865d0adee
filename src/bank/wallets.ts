/**
 * Wallets the simulated bank offers, by Razorpay wallet code.
 *
 * Why: `wallet` on a payment must be one of Razorpay's codes, and `GET /v1/methods` lists them.
 * Codes and names: the "Supported Wallets" table of RT:payments/payment-methods/wallets.md and the
 * `wallet` values of RT:payments/payment-gateway/web-integration/custom/payment-methods.md.
 * Left out: `phonepeswitch` (only for PhonePe Switch in-app businesses) and `freecharge`
 * ("Freecharge is disabled as a payment provider", RT:payments/changelog.md, Sep 2025).
 * Every wallet leads to the same mock success/failure page.
 */

export const WALLETS: Readonly<Record<string, string>> = Object.freeze({
  airtelmoney: 'Airtel Money',
  amazonpay: 'Amazon Pay',
  bajajpay: 'Bajaj Pay',
  jiomoney: 'JioMoney',
  mobikwik: 'MobiKwik',
  olamoney: 'Ola Money',
  paypal: 'PayPal', // international payments only, on Razorpay
  payzapp: 'PayZapp',
  phonepe: 'PhonePe',
})

/** Wallet codes are lower-case and matched exactly, as Razorpay sends them. */
export function isKnownWallet(code: unknown): boolean {
  return typeof code === 'string' && Object.hasOwn(WALLETS, code)
}
