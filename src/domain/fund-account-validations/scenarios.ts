/**
 * The simulated bank's test triggers for validations: fund-account details whose penny drop
 * comes back invalid or fails. Documented in docs/payouts.md; anything else is `active` under the
 * name the bank has on record (the bank account's holder name; for a VPA, its contact's name).
 *
 *   fund account                          outcome
 *   bank_account account_number 1111111111  completed, account_status invalid, fee kept, amount back
 *   bank_account account_number 3333333333  failed (IMPS disabled at the bank), everything back
 *   vpa failure@razorpay                    completed, account_status invalid, fee kept
 *   vpa timeout@razorpay                    failed (technical error), fee back
 *
 * 1111111111, 3333333333 and failure@razorpay mean the same to payouts (payouts/scenarios.ts), so
 * one test beneficiary behaves consistently. The verdict is fixed at creation and stored.
 */
import type { FundAccountRow } from '../fund-accounts/store.js'
import { TEST_TRIGGERS } from '../payouts/scenarios.js'

export const VALIDATION_TRIGGERS = {
  bankInvalid: TEST_TRIGGERS.bankAccountFail,
  bankFailed: TEST_TRIGGERS.bankAccountNoImps,
  vpaInvalid: TEST_TRIGGERS.vpaFail,
  vpaFailed: 'timeout@razorpay',
} as const

export type Verdict = { kind: 'active'; registeredName: string } | { kind: 'invalid' } | { kind: 'failed' }

/** `holderName` is who the bank has on record: the bank account's name, or the VPA's contact's name. */
export function verdictFor(fa: FundAccountRow, holderName: string): Verdict {
  const d = JSON.parse(fa.details) as Record<string, unknown>
  if (fa.account_type === 'bank_account') {
    if (d.account_number === VALIDATION_TRIGGERS.bankInvalid) return { kind: 'invalid' }
    if (d.account_number === VALIDATION_TRIGGERS.bankFailed) return { kind: 'failed' }
  }
  if (fa.account_type === 'vpa') {
    const address = String(d.address).toLowerCase()
    if (address === VALIDATION_TRIGGERS.vpaInvalid) return { kind: 'invalid' }
    if (address === VALIDATION_TRIGGERS.vpaFailed) return { kind: 'failed' }
  }
  return { kind: 'active', registeredName: holderName }
}

export const encodeVerdict = (v: Verdict): string => JSON.stringify(v)
export const decodeVerdict = (text: string): Verdict => JSON.parse(text) as Verdict
