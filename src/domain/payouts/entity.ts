/** The payout as RazorpayX shows it (RT:api/x/payouts/entity.md and the fetch samples). */
import { notesToWire, type Notes } from '../../http/notes.js'
import type { PayoutRow } from './store.js'
import type { StatusDetails } from './states.js'

export interface PayoutWire {
  id: string
  entity: 'payout'
  fund_account_id: string
  amount: number
  currency: string
  notes: Notes | never[]
  fees: number
  tax: number
  status: string
  purpose: string
  utr: string | null
  mode: string
  reference_id: string | null
  narration: string | null
  debit_account_number: string
  batch_id: string | null
  /** Deprecated by Razorpay in favour of status_details; still sent. */
  failure_reason: string | null
  status_details: StatusDetails | null
  created_at: number
  fee_type: string
}

export function payoutToWire(p: PayoutRow): PayoutWire {
  return {
    id: p.id,
    entity: 'payout',
    fund_account_id: p.fund_account_id,
    amount: p.amount,
    currency: p.currency,
    notes: notesToWire(p.notes),
    fees: p.fees,
    tax: p.tax,
    status: p.status,
    purpose: p.purpose,
    utr: p.utr,
    mode: p.mode,
    reference_id: p.reference_id,
    narration: p.narration,
    debit_account_number: p.account_number,
    batch_id: p.batch_id,
    failure_reason: p.failure_reason,
    status_details:
      p.status_reason === null
        ? null
        : { description: p.status_description ?? '', source: (p.status_source ?? 'internal') as StatusDetails['source'], reason: p.status_reason },
    created_at: p.created_at,
    fee_type: p.fee_type,
  }
}

/** The payout as a statement line's `source` (RT:webhooks/transactions.md). */
export function payoutSource(p: PayoutRow): Record<string, unknown> {
  return {
    id: p.id,
    entity: 'payout',
    fund_account_id: p.fund_account_id,
    amount: p.amount,
    notes: notesToWire(p.notes),
    fees: p.fees,
    tax: p.tax,
    status: p.status,
    utr: p.utr,
    mode: p.mode,
    created_at: p.created_at,
  }
}
