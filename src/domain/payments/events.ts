/** Outbox events for payments and orders, written inside the transaction that changes them. */
import { recordEvent } from '../../webhooks/outbox.js'
import type { CardRow, Db, OrderRow, PaymentRow } from '../../store/schema.js'
import { orderToWire } from '../orders/entity.js'
import { paymentToWire } from './entity.js'

export type PaymentEvent = 'payment.authorized' | 'payment.captured' | 'payment.failed'

export function paymentEvent(tx: Db, p: PaymentRow, card: CardRow | null, event: PaymentEvent, now: number): Promise<string | null> {
  // Webhook payloads carry the card block, as Razorpay's samples do (RT:webhooks/payments.md).
  return recordEvent(tx, p.merchant_id, event, { payment: { entity: paymentToWire(p, card, ['card']) } }, now)
}

export function orderPaidEvent(tx: Db, p: PaymentRow, card: CardRow | null, o: OrderRow, now: number): Promise<string | null> {
  return recordEvent(
    tx,
    p.merchant_id,
    'order.paid',
    { payment: { entity: paymentToWire(p, card, ['card']) }, order: { entity: orderToWire(o) } },
    now,
  )
}
