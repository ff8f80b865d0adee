/**
 * Card EMI plans the simulated bank offers, keyed by issuer code, as `GET /v1/methods` reports them.
 *
 * Why: Checkout and custom integrations read `emi_plans` / `emi_options` to show instalments, and
 * an EMI payment must name a plan its card's issuer offers. Plans are copied from the `emi_plans` of
 * the `GET /v1/methods` sample in RT:payments/payment-gateway/s2s-integration/payment-methods/methods-api.md
 * (the IDFB "3": 14 entry lacks a comma there; the value is kept). Left out: `HDFC_DC`, the only
 * debit-card EMI plan, because no documented test card is a debit EMI card.
 */

export interface EmiPlan {
  /** Smallest amount, in paise, the plan applies to. */
  min_amount: number
  /** Duration in months → yearly interest rate in percent. */
  plans: Record<string, number>
}

export interface EmiOption {
  duration: number
  interest: number
  subvention: 'customer'
  min_amount: number
  merchant_payback: string
}

const P6 = (a: number, b: number, c: number, d: number, e: number, f: number): Record<string, number> => ({
  '3': a,
  '6': b,
  '9': c,
  '12': d,
  '18': e,
  '24': f,
})

export const EMI_PLANS: Readonly<Record<string, EmiPlan>> = Object.freeze({
  KKBK: { min_amount: 300000, plans: P6(12, 12, 14, 14, 15, 15) },
  UTIB: { min_amount: 300000, plans: P6(13, 13, 14, 14, 15, 15) },
  INDB: { min_amount: 200000, plans: P6(13, 13, 13, 12, 12, 12) },
  RATN: { min_amount: 100000, plans: P6(13, 14, 15, 15, 15, 15) },
  HDFC: { min_amount: 300000, plans: P6(15, 15, 15, 15, 15, 15) },
  SCBL: { min_amount: 250000, plans: { '3': 13, '6': 13, '9': 14, '12': 14 } },
  BARB: { min_amount: 250000, plans: P6(13, 13, 13, 13, 15, 15) },
  ICIC: { min_amount: 150000, plans: P6(12.99, 13.99, 13.99, 13.99, 14.99, 14.99) },
  IDFB: { min_amount: 250000, plans: { ...P6(14, 15, 15, 15, 15, 15), '36': 15 } },
  YESB: { min_amount: 150000, plans: P6(14, 14, 14, 15, 15, 15) },
  CITI: { min_amount: 250000, plans: P6(13, 13, 15, 15, 15, 15) },
  AMEX: { min_amount: 500000, plans: P6(14, 14, 14, 14, 14, 14) },
  onecard: { min_amount: 300000, plans: P6(16, 16, 16, 16, 16, 16) },
  FDRL: { min_amount: 250000, plans: P6(13, 13, 14, 14, 15, 15) },
})

/**
 * The percentage of the principal a merchant pays back to make a plan no-cost: the discount d with
 * (1 − d) × (total of the EMIs per unit principal) = 1, to 2 decimals. Derived from, and matching,
 * the documented `merchant_payback` values (12% × 3 → "1.97", 12% × 6 → "3.41", 16% × 3 → "2.61").
 */
export function merchantPayback(interestPercent: number, months: number): string {
  const r = interestPercent / 1200
  const perUnitTotal = r === 0 ? 1 : (months * r * (1 + r) ** months) / ((1 + r) ** months - 1)
  return ((1 - 1 / perUnitTotal) * 100).toFixed(2)
}

/** `emi_options` of `GET /v1/methods`: each plan of each issuer, by increasing duration. */
export function emiOptions(): Record<string, EmiOption[]> {
  const out: Record<string, EmiOption[]> = {}
  for (const [bank, { min_amount, plans }] of Object.entries(EMI_PLANS)) {
    out[bank] = Object.entries(plans)
      .map(([months, interest]) => ({
        duration: Number(months),
        interest,
        subvention: 'customer' as const,
        min_amount,
        merchant_payback: merchantPayback(interest, Number(months)),
      }))
      .sort((a, b) => a.duration - b.duration)
  }
  return out
}
