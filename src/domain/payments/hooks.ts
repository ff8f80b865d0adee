/**
 * Extension points of the payment lifecycle for other slices (issue 5: recurring payments, tokens
 * and invoices). Payments do not import those slices; app.ts registers them here instead, so the
 * dependency runs one way. Every hook runs inside the payment's own transaction, so what it writes
 * (a token, an invoice's status, their events) commits with the payment or not at all.
 * Without registered hooks the payment lifecycle is unchanged.
 */
import type { Merchant } from '../../http/context.js'
import type { CardRow, Db, OrderRow, PaymentRow } from '../../store/schema.js'
import type { PaymentCreateJson } from './schema.js'

export interface PaymentHooks {
  /**
   * createPayment, once the order is checked and before the payment row is written: may refuse the
   * payment (throw), and returns the row to insert (e.g. with customer_id or invoice_id set).
   */
  beforeInsert(tx: Db, c: { merchant: Merchant; order: OrderRow; input: PaymentCreateJson; payment: PaymentRow; card: CardRow | null; now: number }): Promise<PaymentRow>
  /** authorize(), after the status change and before payment.authorized is recorded. Returns the row. */
  onAuthorized(tx: Db, p: PaymentRow, now: number): Promise<PaymentRow>
  /** authorize(), at its end (after any auto-capture). */
  afterAuthorized(tx: Db, p: PaymentRow, now: number): Promise<void>
  /** capture(), after the order's bookkeeping. `order` is the order as it is now (null without one). */
  onCaptured(tx: Db, p: PaymentRow, order: OrderRow | null, now: number): Promise<void>
}

const none: PaymentHooks = {
  beforeInsert: async (_tx, c) => c.payment,
  onAuthorized: async (_tx, p) => p,
  afterAuthorized: async () => undefined,
  onCaptured: async () => undefined,
}

export let paymentHooks: PaymentHooks = none

export function registerPaymentHooks(h: PaymentHooks): void {
  paymentHooks = h
}
