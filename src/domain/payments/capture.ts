/**
 * Capture (POST /v1/payments/:id/capture): only an authorized payment, only for exactly the
 * authorized amount, in the payment's currency (RT:api/payments/capture.md).
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import type { PaymentRow } from '../../store/schema.js'
import { orderStore } from '../orders/store.js'
import { capture, fitsOrder } from './lifecycle.js'
import { getPayment } from './queries.js'
import { paymentStore } from './store.js'

export async function capturePayment(
  deps: Deps,
  merchant: Merchant,
  id: string,
  input: { amount: number; currency: string },
): Promise<PaymentRow> {
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const p = await getPayment(tx, merchant.id, id)
    const meta = { payment_id: p.id, ...(p.order_id ? { order_id: p.order_id } : {}) }
    // A payment refunded without ever being captured (auto-refund of an expired authorization)
    // was not captured: it falls to the "only authorized" refusal below.
    if (p.status === 'captured' || (p.status === 'refunded' && p.captured === 1))
      throw badRequest('This payment has already been captured', { field: 'id', metadata: meta })
    if (p.status !== 'authorized')
      throw badRequest('Only payments which have been authorized and not yet captured can be captured', { field: 'id', metadata: meta })
    if (input.currency !== p.currency)
      throw badRequest('The currency should be same as the payment currency', { field: 'currency', metadata: meta })
    if (input.amount !== p.amount)
      throw badRequest('Capture amount must be equal to the amount authorized.', { field: 'amount', metadata: meta })
    const order = p.order_id ? ((await orderStore.findByMerchantIdAndId(tx, merchant.id, p.order_id)) ?? null) : null
    if (order && order.status === 'paid')
      throw badRequest('Your payment has been declined as the order is already paid. Please initiate the payment with a new order.', {
        field: 'id',
        metadata: meta,
      })
    // Partial-payment orders: payments started together may each fit the amount due but not both
    // (CHOSEN text; the docs give none). Without this, amount_paid could exceed the order amount.
    if (order && !fitsOrder(order, p))
      throw badRequest('Capture amount exceeds the amount due on the order.', { field: 'amount', metadata: meta })
    return capture(tx, p, order, now)
  })
}

export async function editPaymentNotes(deps: Deps, merchant: Merchant, id: string, notesInput: unknown): Promise<PaymentRow> {
  const notes = JSON.stringify(validateNotes(notesInput))
  return deps.store.write(async (tx) => {
    const p = await getPayment(tx, merchant.id, id)
    await paymentStore.update(tx, p.id, { kind: 'notes', notes })
    return { ...p, notes }
  })
}
