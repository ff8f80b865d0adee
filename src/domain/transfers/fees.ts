/**
 * The Route transfer fee (RT:payments/route/pricing.md, transfer-fees-example.md): 0.25% of the
 * transfer amount plus 18% GST on that fee, paid by the merchant on top of the amount (the linked
 * account receives the whole amount). `fees` includes `tax`, as on the entity.
 *
 * Rounding (CHOSEN, the docs give none): the fee is rounded up to a whole paisa, its GST half up.
 * This reproduces every documented figure — ₹900 → ₹2.66, ₹300 → ₹0.89, ₹700 → ₹2.07 — and the
 * direct-transfer sample (amount 100 → fees 1, tax 0).
 */
const FEE_BPS = 25
const GST_PCT = 18

export function transferFees(amount: number): { fees: number; tax: number } {
  const base = Math.ceil((amount * FEE_BPS) / 10000)
  const tax = Math.round((base * GST_PCT) / 100)
  return { fees: base + tax, tax }
}
