/**
 * The transfer and reversal entities as Razorpay shows them (SEED-001; RT:api/payments/route/
 * transfers-entity.md, fetch-a-transfer.md, reverse-a-transfer.md, fetch-reversals.md).
 *
 * Field order follows the fetch sample, which is the direct-transfer (seed) sample plus
 * `settlement_status`. A transfer not yet processed shows `fees: 0, tax: null` (the order-transfer
 * sample). `error` is always present: all null but `id` unless the transfer failed.
 * A linked account (X-Razorpay-Account) sees only the note keys listed in `linked_account_notes`.
 */
import { notesToWire, type Notes } from '../../http/notes.js'
import { settlementToWire, type SettlementWire } from '../settlements/entity.js'
import type { SettlementRow } from '../settlements/store.js'
import { settlementStatus, type SettlementStatus } from './states.js'
import type { ReversalRow, TransferRow } from './store.js'

export interface TransferErrorWire {
  code: string | null
  description: string | null
  reason: string | null
  field: string | null
  step: string | null
  id: string
  source: string | null
  metadata: null
}

export interface TransferWire {
  id: string
  entity: 'transfer'
  status: string
  source: string
  recipient: string
  amount: number
  currency: string
  amount_reversed: number
  fees: number
  tax: number | null
  notes: Notes | never[]
  linked_account_notes: string[]
  on_hold: boolean
  on_hold_until: number | null
  settlement_status: SettlementStatus | null
  recipient_settlement_id: string | null
  recipient_settlement?: SettlementWire | null
  created_at: number
  processed_at: number | null
  error: TransferErrorWire
}

export interface TransferView {
  /** Rendering for the linked account itself: notes limited to linked_account_notes. */
  asRecipient?: boolean
  /** expand[]=recipient_settlement: the settlement (or null) by id. */
  settlements?: Map<string, SettlementRow>
}

function notesFor(t: TransferRow, asRecipient: boolean): Notes | never[] {
  if (!asRecipient) return notesToWire(t.notes)
  const keys = new Set(JSON.parse(t.linked_account_notes) as string[])
  const all = JSON.parse(t.notes) as Notes
  return notesToWire(JSON.stringify(Object.fromEntries(Object.entries(all).filter(([k]) => keys.has(k)))))
}

export function transferToWire(t: TransferRow, view: TransferView = {}): TransferWire {
  const unprocessed = t.status === 'created'
  const wire: TransferWire = {
    id: t.id,
    entity: 'transfer',
    status: t.status,
    source: t.source,
    recipient: t.recipient,
    amount: t.amount,
    currency: t.currency,
    amount_reversed: t.amount_reversed,
    fees: unprocessed ? 0 : t.fees,
    tax: unprocessed ? null : t.tax,
    notes: notesFor(t, view.asRecipient === true),
    linked_account_notes: JSON.parse(t.linked_account_notes) as string[],
    on_hold: t.on_hold === 1,
    on_hold_until: t.on_hold_until,
    settlement_status: settlementStatus(t),
    recipient_settlement_id: t.recipient_settlement_id,
    created_at: t.created_at,
    processed_at: t.processed_at,
    error: {
      code: t.error_code,
      description: t.error_description,
      reason: t.error_reason,
      field: null,
      step: t.error_step,
      id: t.id,
      source: t.error_source,
      metadata: null,
    },
  }
  if (view.settlements) {
    const s = t.recipient_settlement_id ? view.settlements.get(t.recipient_settlement_id) : undefined
    // The expanded settlement follows its id, as in the fetch-settlement-details sample.
    const { created_at, processed_at, error, ...head } = wire
    return { ...head, recipient_settlement: s ? settlementToWire(s) : null, created_at, processed_at, error }
  }
  return wire
}

export interface ReversalWire {
  id: string
  entity: 'reversal'
  transfer_id: string
  amount: number
  fee: number
  tax: number
  currency: string
  notes: Notes | never[]
  initiator_id: string
  customer_refund_id: string | null
  utr: string | null
  created_at: number
}

export function reversalToWire(r: ReversalRow): ReversalWire {
  return {
    id: r.id,
    entity: 'reversal',
    transfer_id: r.transfer_id,
    amount: r.amount,
    fee: r.fee,
    tax: r.tax,
    currency: r.currency,
    notes: notesToWire(r.notes),
    initiator_id: r.initiator_id,
    customer_refund_id: r.customer_refund_id,
    utr: r.utr,
    created_at: r.created_at,
  }
}
