/**
 * The simulated bank's test triggers: fund-account details that make a payout fail or come back.
 * Documented in README.md ("Payouts"); anything else is processed.
 *
 *   fund account                                  outcome
 *   bank_account account_number 1111111111        processing → failed (bank_account_invalid)
 *   bank_account account_number 2222222222        processing → processed → reversed (beneficiary_bank_rejected)
 *   bank_account account_number 3333333333        IMPS: processing → failed (imps_not_allowed); other modes processed
 *   vpa failure@razorpay                          processing → failed (beneficiary_vpa_invalid)
 *   vpa reversal@razorpay                         processing → processed → reversed (beneficiary_bank_rejected)
 *   wallet phone +910000000000                    processing → failed (invalid_beneficiary)
 *
 * The verdict is fixed when the payout is created and stored on it, so a restart or a later change
 * of the fund account does not change what the bank does.
 */
import type { FundAccountRow } from '../fund-accounts/store.js'
import type { FailureReason } from './states.js'
import type { PayoutMode } from './modes.js'

export type Scenario = { kind: 'success' } | { kind: 'fail'; reason: FailureReason } | { kind: 'reverse'; reason: FailureReason }

export const TEST_TRIGGERS = {
  bankAccountFail: '1111111111',
  bankAccountReverse: '2222222222',
  bankAccountNoImps: '3333333333',
  vpaFail: 'failure@razorpay',
  vpaReverse: 'reversal@razorpay',
  walletFail: '+910000000000',
} as const

const SUCCESS: Scenario = { kind: 'success' }

/**
 * Details that cannot hold a trigger: none of the trigger numbers and no `@razorpay` in any case (a
 * VPA is compared case-insensitively). Most payouts go to such accounts, and skip parsing them.
 */
const MAY_TRIGGER = /1111111111|2222222222|3333333333|@razorpay|\+910000000000/i

export function scenarioFor(fa: FundAccountRow, mode: PayoutMode): Scenario {
  if (!MAY_TRIGGER.test(fa.details)) return SUCCESS
  const d = JSON.parse(fa.details) as Record<string, unknown>
  if (fa.account_type === 'bank_account') {
    if (d.account_number === TEST_TRIGGERS.bankAccountFail) return { kind: 'fail', reason: 'bank_account_invalid' }
    if (d.account_number === TEST_TRIGGERS.bankAccountReverse) return { kind: 'reverse', reason: 'beneficiary_bank_rejected' }
    if (d.account_number === TEST_TRIGGERS.bankAccountNoImps && mode === 'IMPS') return { kind: 'fail', reason: 'imps_not_allowed' }
  }
  if (fa.account_type === 'vpa') {
    const address = String(d.address).toLowerCase()
    if (address === TEST_TRIGGERS.vpaFail) return { kind: 'fail', reason: 'beneficiary_vpa_invalid' }
    if (address === TEST_TRIGGERS.vpaReverse) return { kind: 'reverse', reason: 'beneficiary_bank_rejected' }
  }
  if (fa.account_type === 'wallet' && d.phone === TEST_TRIGGERS.walletFail) return { kind: 'fail', reason: 'invalid_beneficiary' }
  return SUCCESS
}

export function encodeScenario(s: Scenario): string {
  return s.kind === 'success' ? 'success' : `${s.kind}:${s.reason}`
}

export function decodeScenario(text: string): Scenario {
  const [kind, reason] = text.split(':')
  if (kind === 'fail' || kind === 'reverse') return { kind, reason: reason as FailureReason }
  return { kind: 'success' }
}
