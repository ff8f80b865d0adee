/**
 * The validation as RazorpayX shows it (RT:api/x/account-validation/entity.md and the samples of
 * bank-account.md, fetch-all-transactions.md, RT:webhooks/account-validation.md): the fund account
 * embedded as it is now, `results` null until the bank answers, `amount`/`currency` null for VPAs.
 */
import { notesToWire, type Notes } from '../../http/notes.js'
import type { FundAccountValidationRow } from '../../store/schema.js'
import { fundAccountToWire, type FundAccountWire } from '../fund-accounts/entity.js'
import type { FundAccountRow } from '../fund-accounts/store.js'

export interface ValidationWire {
  id: string
  entity: 'fund_account.validation'
  fund_account: FundAccountWire
  status: string
  amount: number | null
  currency: string | null
  notes: Notes | never[]
  results: { account_status: string | null; registered_name: string | null }
  created_at: number
  utr: string | null
}

/** A validation with the fund account it validates: what the wire shape needs. */
export interface ValidationView {
  row: FundAccountValidationRow
  fundAccount: FundAccountRow
}

export function validationToWire({ row, fundAccount }: ValidationView): ValidationWire {
  return {
    id: row.id,
    entity: 'fund_account.validation',
    fund_account: fundAccountToWire(fundAccount),
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    notes: notesToWire(row.notes),
    results: { account_status: row.account_status, registered_name: row.registered_name },
    created_at: row.created_at,
    utr: row.utr,
  }
}

/** The validation as a statement line's `source` (RT:webhooks/transactions.md), with the fee it cost. */
export function validationSource(v: FundAccountValidationRow): Record<string, unknown> {
  return {
    id: v.id,
    entity: 'fund_account.validation',
    fund_account_id: v.fund_account_id,
    amount: v.amount,
    fees: v.fees,
    tax: v.tax,
    status: v.status,
    utr: v.utr,
    created_at: v.created_at,
  }
}
