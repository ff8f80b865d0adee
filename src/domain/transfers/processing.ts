/**
 * Moving a transfer's money: pending → processed (or failed), in one transaction with its ledger
 * entries, the merchant's settlement item, the payment the linked account sees, its settlement jobs
 * and its event (`transfer.processed` / `transfer.failed`, RT:webhooks/route.md).
 *
 *  - Direct transfers are processed in the request that creates them (the documented sample answers
 *    `processed`). Transfers from payments, and from orders once paid, are `pending` and processed by a
 *    `transfer.process` job due at once (the poller runs it within a second; POST /_sandbox/clock
 *    runs it in tests).
 *  - A transfer fails when the merchant's payment balance cannot cover amount + fees
 *    (BAD_REQUEST_TRANSFER_INSUFFICIENT_BALANCE, RT:api/payments/route/transfers-entity.md) or when its
 *    linked account was suspended meanwhile. A failed order transfer is retried on the next days, at
 *    most 3 times (RT:payments/route/transfer-funds-to-linked-accounts.md).
 *  - The linked account sees each processed transfer as a captured payment with method `transfer`
 *    (RT:api/payments/route/fetch-payments-linked-account.md).
 */
import type { JobHandler } from '../../jobs/registry.js'
import { scheduleJob } from '../../jobs/schedule.js'
import { newId } from '../../shared/ids.js'
import type { Db, PaymentRow } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { linkedAccountStore } from '../accounts/store.js'
import { paymentStore } from '../payments/store.js'
import { transferDebited } from '../settlements/hooks.js'
import { transferToWire } from './entity.js'
import { paymentBalance, postTransfer } from './money.js'
import { lockMoney } from '../../ledger/ledger.js'
import { cycleSlot, scheduleSettlement, settleAtFor } from './settlement.js'
import { canMove } from './states.js'
import { transferStore, type TransferError, type TransferRow } from './store.js'

export const PROCESS_JOB = 'transfer.process'
/** A failed order transfer is retried on the next days, at most 3 times. */
export const ORDER_TRANSFER_RETRIES = 3
const RETRY_AFTER_S = 24 * 3600

export const INSUFFICIENT_BALANCE: TransferError = {
  code: 'BAD_REQUEST_TRANSFER_INSUFFICIENT_BALANCE',
  description: 'Transfer failed due to insufficient balance',
  source: 'transfer',
  step: 'balance_check',
  reason: 'insufficient_balance',
}

/** CHOSEN: the docs name no error for a linked account suspended between create and processing. */
export const ACCOUNT_SUSPENDED: TransferError = {
  code: 'BAD_REQUEST_ERROR',
  description: 'The linked account is suspended and cannot receive transfers.',
  source: 'transfer',
  step: 'account_validation',
  reason: 'linked_account_suspended',
}

export function announce(tx: Db, event: 'transfer.processed' | 'transfer.failed', t: TransferRow, now: number): Promise<string | null> {
  return recordEvent(tx, t.merchant_id, event, { transfer: { entity: transferToWire(t) } }, now)
}

/** The payment the linked account sees for a processed transfer (its notes: the shared keys only). */
async function recipientPayment(tx: Db, t: TransferRow, now: number): Promise<string> {
  const shared = new Set(JSON.parse(t.linked_account_notes) as string[])
  const notes = Object.fromEntries(Object.entries(JSON.parse(t.notes) as Record<string, unknown>).filter(([k]) => shared.has(k)))
  const row: PaymentRow = {
    id: newId('payment'),
    merchant_id: t.recipient,
    order_id: null,
    invoice_id: null,
    amount: t.amount,
    currency: t.currency,
    status: 'captured',
    method: 'transfer',
    international: 0,
    amount_refunded: 0,
    refund_status: null,
    captured: 1,
    description: null,
    card_id: null,
    bank: null,
    wallet: null,
    vpa: null,
    email: null,
    contact: null,
    customer_id: null,
    token_id: null,
    notes: JSON.stringify(notes),
    fee: 0,
    tax: 0,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    acquirer_data: JSON.stringify({ transfer_id: t.id }),
    upi: null,
    scenario: 'route_transfer',
    auth_step: null,
    otp_attempts: 0,
    callback_url: null,
    created_at: now,
    authorized_at: now,
    captured_at: now,
  }
  await paymentStore.insert(tx, row)
  return row.id
}

async function fail(tx: Db, t: TransferRow, error: TransferError, now: number): Promise<TransferRow> {
  const attempts = t.attempts + 1
  await transferStore.update(tx, t.id, { kind: 'failed', error, attempts }, now)
  const row: TransferRow = {
    ...t,
    status: 'failed',
    attempts,
    error_code: error.code,
    error_description: error.description,
    error_source: error.source,
    error_step: error.step,
    error_reason: error.reason,
    updated_at: now,
  }
  await announce(tx, 'transfer.failed', row, now)
  if (t.source_type === 'order' && attempts <= ORDER_TRANSFER_RETRIES)
    await scheduleJob(tx, { merchantId: t.merchant_id, kind: PROCESS_JOB, subjectId: t.id, runAt: now + RETRY_AFTER_S, now })
  return row
}

/**
 * Processes a pending transfer (or retries a failed order transfer) now: moves the money if the
 * merchant's payment balance covers amount + fees, else fails it. Returns the transfer as it is now.
 */
export async function processTransfer(tx: Db, t: TransferRow, now: number): Promise<TransferRow> {
  if (!canMove(t.status, 'processed')) return t
  const account = await linkedAccountStore.findByMerchantIdAndId(tx, t.merchant_id, t.recipient)
  if (!account || account.status === 'suspended') return fail(tx, t, ACCOUNT_SUSPENDED, now)
  await lockMoney(tx, t.merchant_id)
  if ((await paymentBalance(tx, t.merchant_id)) < t.amount + t.fees) return fail(tx, t, INSUFFICIENT_BALANCE, now)

  await postTransfer(tx, t, now)
  if (t.payment_id !== null && t.source_type !== 'direct')
    await transferDebited(tx, { id: t.id, merchant_id: t.merchant_id, payment_id: t.payment_id, currency: t.currency, amount: t.amount, fees: t.fees, tax: t.tax }, now)
  const recipientPaymentId = await recipientPayment(tx, t, now)
  const settleAt = settleAtFor({ onHold: t.on_hold === 1, onHoldUntil: t.on_hold_until }, await cycleSlot(tx, t.merchant_id, now), now)
  await transferStore.update(tx, t.id, { kind: 'processed', at: now, attempts: t.attempts + 1, settleAt, recipientPaymentId }, now)
  const row: TransferRow = {
    ...t,
    status: 'processed',
    attempts: t.attempts + 1,
    processed_at: now,
    settle_at: settleAt,
    recipient_payment_id: recipientPaymentId,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    updated_at: now,
  }
  await scheduleSettlement(tx, row, now)
  await announce(tx, 'transfer.processed', row, now)
  return row
}

/** Queues a pending transfer for processing (due at once). */
export function queueProcessing(tx: Db, t: TransferRow, now: number): Promise<string> {
  return scheduleJob(tx, { merchantId: t.merchant_id, kind: PROCESS_JOB, subjectId: t.id, runAt: now, now })
}

/** The `transfer.process` job. */
export const runProcessJob: JobHandler = async (tx, job, { now }) => {
  if (!job.subject_id) return
  const t = await transferStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id)
  if (t) await processTransfer(tx, t, now)
}
