/**
 * Payment state changes that several entry points share (S2S OTP submit, the bank page, UPI,
 * capture API, auto-capture). Each runs inside the caller's transaction and records its events
 * there, so a state change and its announcement commit together.
 */
import type { PaymentError } from '../../bank/index.js'
import { badRequest } from '../../http/errors.js'
import { cancelJobs } from '../../jobs/schedule.js'
import { newIdBody } from '../../shared/ids.js'
import { paymentFee } from '../../shared/money.js'
import type { CardRow, Db, OrderRow, PaymentRow } from '../../store/schema.js'
import { autoCaptures } from '../orders/entity.js'
import { orderStore } from '../orders/store.js'
import { AUTO_REFUND_JOB, refundUncaptured, scheduleAutoRefund } from '../refunds/auto-refund.js'
import { paymentCaptured } from '../settlements/hooks.js'
import { orderPaid } from '../transfers/orders.js'
import { orderPaidEvent, paymentEvent } from './events.js'
import { paymentHooks } from './hooks.js'
import { canMove } from './states.js'
import { paymentStore } from './store.js'

async function cardOf(tx: Db, p: PaymentRow): Promise<CardRow | null> {
  return p.card_id ? ((await paymentStore.findCard(tx, p.merchant_id, p.card_id)) ?? null) : null
}

function acquirerData(p: PaymentRow): string {
  const digits = newIdBody().replace(/\D/g, '').padEnd(12, '7')
  if (p.method === 'card' || p.method === 'emi') return JSON.stringify({ auth_code: digits.slice(0, 6) })
  if (p.method === 'upi') return JSON.stringify({ rrn: digits.slice(0, 12), upi_transaction_id: newIdBody().toUpperCase() })
  // E-mandate and NACH payments show an empty acquirer_data (SEED-004; RT:…/recurring-payments/webhooks.md).
  if (p.method === 'emandate' || p.method === 'nach') return '{}'
  return JSON.stringify({ bank_transaction_id: digits.slice(0, 10) })
}

/**
 * created → authorized; then auto-captures if the order asks for it, refunds at once a late payment
 * the order can no longer take, or schedules the auto-refund of an uncaptured one. Returns the new row.
 */
export async function authorize(tx: Db, p: PaymentRow, now: number): Promise<PaymentRow> {
  if (!canMove(p.status, 'authorized')) throw badRequest(`The payment is ${p.status} and cannot be authorized.`, { field: 'payment_id' })
  const data = acquirerData(p)
  await paymentStore.update(tx, p.id, { kind: 'authorized', at: now, acquirerData: data })
  let row: PaymentRow = { ...p, status: 'authorized', authorized_at: now, auth_step: null, acquirer_data: data }
  // Recurring (issue 5): an authorisation payment makes its token here (token_id is on the event).
  row = await paymentHooks.onAuthorized(tx, row, now)
  const card = await cardOf(tx, row)
  await paymentEvent(tx, row, card, 'payment.authorized', now)
  const order = row.order_id ? ((await orderStore.findByMerchantIdAndId(tx, row.merchant_id, row.order_id)) ?? null) : null
  // Two payments started on one order can both be authorized. Auto-capture only what the order
  // still takes; a late one that the order can no longer take is refunded at once (Razorpay refunds
  // such payments), so an order is never paid twice and amount_paid never exceeds its amount.
  // Issue 5: the payment of an authorisation order (orders.token) is captured at once, as the
  // seeds' authorisation payments are (CHOSEN; e-mandate and NACH ones are for 0 and hold nothing).
  if (order && !fitsOrder(order, row)) row = await refundUncaptured(tx, row, order, now)
  else if (order && (autoCaptures(order) || Boolean(order.token))) row = await capture(tx, row, order, now)
  // Not captured in time, it is refunded automatically (auto-refund.ts).
  if (row.status === 'authorized') await scheduleAutoRefund(tx, row, order, now)
  await paymentHooks.afterAuthorized(tx, row, now)
  return row
}

/** Whether capturing `p` keeps the order within its amount (false once the order is paid). */
export function fitsOrder(order: OrderRow, p: PaymentRow): boolean {
  return order.status !== 'paid' && order.amount_paid + p.amount <= order.amount
}

/** created → failed with the bank's error. */
export async function fail(tx: Db, p: PaymentRow, error: PaymentError, now: number): Promise<PaymentRow> {
  if (!canMove(p.status, 'failed')) throw badRequest(`The payment is ${p.status} and cannot fail.`, { field: 'payment_id' })
  const e = { code: error.code, description: error.description, source: error.source, step: error.step, reason: error.reason }
  await paymentStore.update(tx, p.id, { kind: 'failed', error: e })
  const row: PaymentRow = {
    ...p,
    status: 'failed',
    auth_step: null,
    error_code: e.code,
    error_description: e.description,
    error_source: e.source,
    error_step: e.step,
    error_reason: e.reason,
  }
  await paymentEvent(tx, row, await cardOf(tx, row), 'payment.failed', now)
  return row
}

/**
 * authorized → captured: sets fee and tax, adds the amount to the order's amount_paid, and marks
 * the order paid once amount_paid reaches its amount (order.paid fires then, and only then).
 */
export async function capture(tx: Db, p: PaymentRow, order: OrderRow | null, now: number): Promise<PaymentRow> {
  const { fee, tax } = paymentFee(p.amount, { method: p.method, international: p.international === 1 })
  await paymentStore.update(tx, p.id, { kind: 'captured', at: now, fee, tax })
  const row: PaymentRow = { ...p, status: 'captured', captured: 1, captured_at: now, fee, tax }
  await cancelJobs(tx, AUTO_REFUND_JOB, p.id, now)
  // Ledger and settlement schedule; a zero-amount authorisation moves no money.
  if (p.amount > 0) await paymentCaptured(tx, row, now)
  const card = await cardOf(tx, row)
  await paymentEvent(tx, row, card, 'payment.captured', now)
  let after: OrderRow | null = null
  if (order) {
    const amountPaid = order.amount_paid + p.amount
    const status = amountPaid >= order.amount ? 'paid' : order.status
    await orderStore.recordPaid(tx, order.id, amountPaid, status)
    after = { ...order, amount_paid: amountPaid, status }
    if (status === 'paid') await orderPaidEvent(tx, row, card, after, now)
    // Route: the order's transfers (set up on create) now go pending on this payment (transfers/orders.ts).
    if (status === 'paid') await orderPaid(tx, after, row, now)
  }
  await paymentHooks.onCaptured(tx, row, after, now) // e.g. the invoice of the order is paid
  return row
}
