/** The order as Razorpay shows it (RT:api/orders/entity.md). */
import type { OrderRow } from '../../store/schema.js'
import { notesToWire, type Notes } from '../../http/notes.js'

export interface OrderWire {
  id: string
  entity: 'order'
  amount: number
  amount_paid: number
  amount_due: number
  currency: string
  receipt: string | null
  offer_id: string | null
  status: string
  attempts: number
  notes: Notes | never[]
  created_at: number
  partial_payment?: boolean
  first_payment_min_amount?: number
  payments?: unknown
  transfers?: unknown
  method?: string | null
  customer_id?: string
  token?: unknown
}

export function orderToWire(o: OrderRow): OrderWire {
  const wire: OrderWire = {
    id: o.id,
    entity: 'order',
    amount: o.amount,
    amount_paid: o.amount_paid,
    amount_due: o.amount - o.amount_paid,
    currency: o.currency,
    receipt: o.receipt,
    offer_id: o.offer_id,
    status: o.status,
    attempts: o.attempts,
    notes: notesToWire(o.notes),
    created_at: o.created_at,
  }
  if (o.partial_payment) {
    wire.partial_payment = true
    if (o.first_payment_min_amount !== null) wire.first_payment_min_amount = o.first_payment_min_amount
  }
  // Recurring (issue 5): an authorisation order shows its method, customer and token block
  // (SEED-002, RT:api/payments/recurring-payments/emandate/create-authorization-transaction.md).
  if (o.customer_id) wire.customer_id = o.customer_id
  if (o.token) {
    wire.method = o.method
    wire.token = JSON.parse(o.token) as unknown
  }
  return wire
}

/** Whether payments on this order are captured automatically once authorized. */
export function autoCaptures(o: OrderRow): boolean {
  if (o.capture_options !== null) {
    const opts = JSON.parse(o.capture_options) as { capture?: string }
    if (opts.capture) return opts.capture === 'automatic'
  }
  // The dashboard default is "auto-capture all payments" (RT:payments/payments/capture-settings.md),
  // but the API's order-level flag predates it: payment_capture absent means manual for orders
  // created through the API, which is what integrations written against the SDK expect.
  return o.payment_capture === 1
}
