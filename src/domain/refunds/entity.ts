/** The refund as Razorpay shows it (RT:api/refunds/entity.md). */
import { notesToWire, type Notes } from '../../http/notes.js'
import type { RefundRow } from '../../store/schema.js'

export interface RefundWire {
  id: string
  entity: 'refund'
  amount: number
  currency: string
  payment_id: string
  notes: Notes | never[]
  receipt: string | null
  acquirer_data: Record<string, unknown>
  created_at: number
  batch_id: string | null
  status: string
  speed_processed: string | null
  speed_requested: string
}

export function refundToWire(r: RefundRow): RefundWire {
  return {
    id: r.id,
    entity: 'refund',
    amount: r.amount,
    currency: r.currency,
    payment_id: r.payment_id,
    notes: notesToWire(r.notes),
    receipt: r.receipt,
    acquirer_data: JSON.parse(r.acquirer_data) as Record<string, unknown>,
    created_at: r.created_at,
    batch_id: r.batch_id,
    status: r.status,
    speed_processed: r.speed_processed,
    speed_requested: r.speed_requested,
  }
}
