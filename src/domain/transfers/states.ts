/**
 * Transfer statuses (RT:payments/route/transfer-funds-to-linked-accounts.md):
 * created → pending → processed | failed, then partially_reversed / reversed.
 *  - Direct and payment transfers start `pending`; order transfers stay `created` until the order
 *    is paid. A failed order transfer is retried (failed → processed) up to 3 times.
 * settlement_status (RT:payments/route/schedule-settlement.md): pending → on_hold → settled, shown
 * only once the money reached the linked account.
 */
import type { TransferRow } from './store.js'

export const TRANSFER_STATUSES = ['created', 'pending', 'processed', 'failed', 'reversed', 'partially_reversed'] as const
export type TransferStatus = (typeof TRANSFER_STATUSES)[number]

const NEXT: Record<TransferStatus, TransferStatus[]> = {
  created: ['pending'],
  pending: ['processed', 'failed'],
  failed: ['processed', 'failed'],
  processed: ['partially_reversed', 'reversed'],
  partially_reversed: ['partially_reversed', 'reversed'],
  reversed: [],
}

export function canMove(from: string, to: TransferStatus): boolean {
  return (NEXT[from as TransferStatus] ?? []).includes(to)
}

/** The transfer's money reached the linked account (it may since have been reversed). */
export function credited(t: Pick<TransferRow, 'status'>): boolean {
  return t.status === 'processed' || t.status === 'partially_reversed' || t.status === 'reversed'
}

export type SettlementStatus = 'pending' | 'on_hold' | 'settled'

export function settlementStatus(t: TransferRow): SettlementStatus | null {
  if (!credited(t)) return null
  if (t.recipient_settlement_id !== null) return 'settled'
  // Reversed in full before it settled: nothing is left to settle.
  if (t.status === 'reversed') return null
  return t.on_hold === 1 ? 'on_hold' : 'pending'
}
