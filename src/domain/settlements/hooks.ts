/**
 * What payments and refunds tell the money side, inside their own transactions:
 *  - capture: customers −amount, merchant_balance +(amount − fee), razorpay_fees +fee (fee includes
 *    its GST); the payment becomes a settlement item due in its T+N slot, and that slot's job exists.
 *  - refund of a captured payment: merchant_balance −amount, customers +amount (refunds never give
 *    the fee back, behaviors.md §2); the refund is a debit in the next settlement.
 *  - refund of a payment that was never captured (auto-refund): no ledger movement and no settlement
 *    item. An authorization only holds the customer's money at their bank; nothing reached the
 *    merchant's balance, so releasing the hold moves nothing in Tijori's books.
 *  - Route (issue 4): a transfer from a payment is a debit in the next settlement, its reversal a
 *    credit (transferDebited / reversalCredited below; transfers/money.ts posts their ledger entries).
 * Every posting sums to zero (ledger.ts), so the ledger as a whole always sums to zero.
 */
import { ACCOUNTS, post } from '../../ledger/ledger.js'
import type { Db, PaymentRow, RefundRow } from '../../store/schema.js'
import { ensureSlotJob, slotForCapture } from './schedule.js'
import { settlementStore } from './store.js'

/** Call once a payment is captured, with its fee and tax set. */
export async function paymentCaptured(tx: Db, p: PaymentRow, now: number): Promise<void> {
  const fee = p.fee ?? 0
  const tax = p.tax ?? 0
  await post(tx, { merchantId: p.merchant_id, currency: p.currency, refType: 'payment', refId: p.id, now }, [
    { account: ACCOUNTS.customers, amount: -p.amount },
    { account: ACCOUNTS.merchantBalance, amount: p.amount - fee },
    { account: ACCOUNTS.fees, amount: fee },
  ])
  const due = await slotForCapture(tx, p.merchant_id, now)
  await settlementStore.insertItem(tx, {
    entity_id: p.id,
    merchant_id: p.merchant_id,
    type: 'payment',
    payment_id: p.id,
    currency: p.currency,
    amount: p.amount,
    credit: p.amount - fee,
    debit: 0,
    fee,
    tax,
    balance_at: now,
    due_at: due,
    settlement_id: null,
    settled_at: null,
  })
  await ensureSlotJob(tx, p.merchant_id, due, now)
}

/** Call once a refund is recorded against `p` (the payment as it was before the refund). */
export async function refundRecorded(tx: Db, r: RefundRow, p: PaymentRow, now: number): Promise<void> {
  if (p.captured !== 1) return // an uncaptured authorization released: nothing to move
  await post(tx, { merchantId: r.merchant_id, currency: r.currency, refType: 'refund', refId: r.id, now }, [
    { account: ACCOUNTS.merchantBalance, amount: -r.amount },
    { account: ACCOUNTS.customers, amount: r.amount },
  ])
  await settlementStore.insertItem(tx, {
    entity_id: r.id,
    merchant_id: r.merchant_id,
    type: 'refund',
    payment_id: p.id,
    currency: r.currency,
    amount: r.amount,
    credit: 0,
    debit: r.amount,
    fee: 0,
    tax: 0,
    balance_at: now,
    // Refunds are deducted from the next settlement, whatever the refunded payment's own slot.
    due_at: now,
    settlement_id: null,
    settled_at: null,
  })
}

/**
 * Route (issue 4). A transfer from a payment (or from a paid order) takes its amount and fees out of
 * the merchant's balance (transfers/money.ts posts the ledger): it is a debit in the merchant's next
 * settlement, like a refund. Direct transfers draw on the balance without settling particular
 * transactions (as on-demand settlements do), so they get no item.
 */
export async function transferDebited(
  tx: Db,
  t: { id: string; merchant_id: string; payment_id: string; currency: string; amount: number; fees: number; tax: number },
  now: number,
): Promise<void> {
  await settlementStore.insertItem(tx, {
    entity_id: t.id,
    merchant_id: t.merchant_id,
    type: 'transfer',
    payment_id: t.payment_id,
    currency: t.currency,
    amount: t.amount,
    credit: 0,
    debit: t.amount + t.fees,
    fee: t.fees,
    tax: t.tax,
    balance_at: now,
    due_at: now,
    settlement_id: null,
    settled_at: null,
  })
}

/** A reversal of such a transfer brings the money back: a credit, due in the next settlement. */
export async function reversalCredited(
  tx: Db,
  r: { id: string; merchant_id: string; payment_id: string; currency: string; amount: number },
  now: number,
): Promise<void> {
  await settlementStore.insertItem(tx, {
    entity_id: r.id,
    merchant_id: r.merchant_id,
    type: 'reversal',
    payment_id: r.payment_id,
    currency: r.currency,
    amount: r.amount,
    credit: r.amount,
    debit: 0,
    fee: 0,
    tax: 0,
    balance_at: now,
    due_at: now,
    settlement_id: null,
    settled_at: null,
  })
}
