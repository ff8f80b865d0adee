/**
 * Payout modes: which fund accounts each one reaches, its per-transaction limits
 * (RT:x/payouts.md "Payout Modes and TAT"; behaviors.md §7), the simulated bank's delay, and fees.
 *
 *   mode       fund accounts          amount                    settles after   fee (+18% GST)
 *   IMPS       bank_account, card     ≤ ₹5,00,000               1 minute        ₹5 (₹10 above ₹25,000)
 *   NEFT       bank_account, card     any                       30 minutes      ₹5
 *   RTGS       bank_account           ≥ ₹2,00,000               30 minutes      ₹20
 *   UPI        vpa, card              ≤ ₹1,00,000               1 minute        ₹5
 *   card       card                   ≤ ₹5,00,000               1 minute        ₹10
 *   amazonpay  wallet                 ≤ ₹10,000                 1 minute        ₹5
 *
 * Razorpay does not document its fee amounts (they are on the pricing page); these are Tijori's,
 * chosen so that a ₹5 fee shows as `fees: 590, tax: 90` like the documented samples. The IMPS cap
 * is the payouts page's ₹5 lakh (the glossary's ₹2 lakh is older: behaviors.md §7 CONFLICT).
 */
import { formatAmount } from '../../shared/money.js'
import { xInvalid } from '../banking/errors.js'

export const PAYOUT_MODES = ['IMPS', 'NEFT', 'RTGS', 'UPI', 'card', 'amazonpay'] as const
export type PayoutMode = (typeof PAYOUT_MODES)[number]

interface ModeRule {
  accountTypes: readonly string[]
  min?: number
  max?: number
  /** Seconds from processing to the bank's answer, on the merchant's clock. */
  settleAfter: number
  fee: (amount: number) => number
}

const LAKH = 1_00_000_00 // ₹1,00,000 in paise

export const MODE_RULES: Record<PayoutMode, ModeRule> = {
  IMPS: { accountTypes: ['bank_account', 'card'], max: 5 * LAKH, settleAfter: 60, fee: (a) => (a <= 25_000_00 ? 500 : 1000) },
  NEFT: { accountTypes: ['bank_account', 'card'], settleAfter: 30 * 60, fee: () => 500 },
  RTGS: { accountTypes: ['bank_account'], min: 2 * LAKH, settleAfter: 30 * 60, fee: () => 2000 },
  UPI: { accountTypes: ['vpa', 'card'], max: 1 * LAKH, settleAfter: 60, fee: () => 500 },
  card: { accountTypes: ['card'], max: 5 * LAKH, settleAfter: 60, fee: () => 1000 },
  amazonpay: { accountTypes: ['wallet'], max: 10_000_00, settleAfter: 60, fee: () => 500 },
}

/** A processed payout that the bank later returns is reversed this long after it was processed. */
export const REVERSAL_AFTER_SECONDS = 10 * 60

const GST_PCT = 18

/** `fees` includes `tax`, as on the payout entity (fees 590 = ₹5 + ₹0.90 GST). */
export function payoutFees(mode: PayoutMode, amount: number): { fees: number; tax: number } {
  const base = MODE_RULES[mode].fee(amount)
  const tax = Math.round((base * GST_PCT) / 100)
  return { fees: base + tax, tax }
}

/** The mode must reach this kind of fund account, and the amount must be within the mode's limits. */
export function checkModeAndAmount(mode: PayoutMode, accountType: string, amount: number): void {
  const rule = MODE_RULES[mode]
  if (!rule.accountTypes.includes(accountType))
    throw xInvalid(`Invalid combination of payout mode (${mode}) and beneficiary account type (${accountType})`, 'mode')
  if (rule.max !== undefined && amount > rule.max)
    throw xInvalid(`The amount for ${mode} payouts may not be greater than ${formatAmount(rule.max, 'INR')}.`, 'amount')
  if (rule.min !== undefined && amount < rule.min)
    throw xInvalid(`The amount for ${mode} payouts must be at least ${formatAmount(rule.min, 'INR')}.`, 'amount')
}
