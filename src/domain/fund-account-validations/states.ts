/**
 * Validation statuses and what each one shows as `results` (RT:x/fund-account-validation.md,
 * "Account Validation States"; RT:x/fund-accounts/faqs.md):
 *
 *   created ──► completed   results {active, <registered name>} or {invalid, null}
 *      └──────► failed      results {"", ""} (a technical error, or IMPS disabled at the bank)
 *
 * `completed` only means the bank answered; `results.account_status` says whether the account is
 * usable. A validation leaves `created` exactly once (the store's update is guarded by it).
 */
export const VALIDATION_STATUSES = ['created', 'completed', 'failed'] as const
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number]

/** The fund account types a penny drop can reach. */
export const VALIDATABLE_TYPES = ['bank_account', 'vpa'] as const

/** What the bank's answer writes. */
export type ValidationChange =
  | { kind: 'completed'; accountStatus: 'active'; registeredName: string; utr: string | null }
  | { kind: 'completed'; accountStatus: 'invalid' }
  | { kind: 'failed' }

/** The `results` columns after `change`: the failed sample really shows empty strings. */
export function resultColumns(change: ValidationChange): { account_status: string | null; registered_name: string | null; utr: string | null } {
  if (change.kind === 'failed') return { account_status: '', registered_name: '', utr: null }
  if (change.accountStatus === 'invalid') return { account_status: 'invalid', registered_name: null, utr: null }
  return { account_status: 'active', registered_name: change.registeredName, utr: change.utr }
}
