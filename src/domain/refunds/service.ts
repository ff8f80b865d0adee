/**
 * Refunds. Invariant: the sum of a payment's refunds never exceeds its captured amount
 * (amount_refunded ≤ amount). Only captured payments refund; the payment becomes `refunded` only
 * when the whole amount is refunded (RT:api/refunds.md; behaviors.md §3).
 *
 * Timing: Razorpay's test mode marks normal refunds processed at once. `optimum` is processed
 * instantly, except the documented test amount ₹24.68 which falls back to normal speed
 * (behaviors.md §3, test-s2s refunds). refund.created and refund.processed are recorded with it.
 * A refund of a captured payment moves merchant_balance → customers in the ledger and is deducted
 * from the next settlement (settlements/hooks.ts).
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { withIdempotency } from '../../http/idempotency.js'
import { validateNotes, type Notes } from '../../http/notes.js'
import type { Page } from '../../http/pagination.js'
import { isIdOf, newId, newIdBody } from '../../shared/ids.js'
import { formatAmount } from '../../shared/money.js'
import type { Db, PaymentRow, RefundRow } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { paymentToWire } from '../payments/entity.js'
import { getPayment } from '../payments/queries.js'
import { paymentStore } from '../payments/store.js'
import { refundRecorded } from '../settlements/hooks.js'
import { reverseForRefund } from '../transfers/reversals.js'
import { refundToWire } from './entity.js'
import { refundKeyRules } from './idempotency.js'
import type { RefundCreate } from './schema.js'
import { refundStore } from './store.js'

/** The test amount that makes an optimum (instant) refund fall back to normal speed. */
const INSTANT_FALLBACK_AMOUNT = 2468

function arn(): string {
  return newIdBody().replace(/[^0-9]/g, '').padEnd(14, '0').slice(0, 14)
}

async function refundInTx(deps: Deps, tx: Db, merchant: Merchant, paymentId: string, input: RefundCreate, now: number): Promise<RefundRow> {
  const p = await getPayment(tx, merchant.id, paymentId)
  const meta = { payment_id: p.id }
  if (p.status === 'refunded' || p.refund_status === 'full')
    throw badRequest('The payment has been fully refunded already.', { field: 'payment_id', metadata: meta })
  if (p.status !== 'captured')
    throw badRequest('Only captured payments can be refunded. An authorized payment that is not captured is refunded automatically.', {
      field: 'payment_id',
      metadata: meta,
    })
  const remaining = p.amount - p.amount_refunded
  const amount = input.amount ?? remaining
  if (amount < 100) throw badRequest(`The amount must be at least ${formatAmount(100, p.currency)}.`, { field: 'amount', metadata: meta })
  if (amount > remaining)
    throw badRequest('The refund amount provided is greater than amount captured.', { field: 'amount', metadata: meta })
  const speedRequested = input.speed ?? 'normal'
  const refund = await recordRefund(tx, p, { amount, speedRequested, receipt: input.receipt ?? null, notes: validateNotes(input.notes) }, now)
  // Route: reverse_all takes the money back from the linked accounts the payment was transferred to,
  // in this transaction, so the refund fails whole if one of them cannot pay (transfers/reversals.ts).
  if (input.reverse_all === true || input.reverse_all === 1) await reverseForRefund(tx, p, refund, now)
  return refund
}

/**
 * Records a processed refund of `amount` against `p` (already checked by the caller): the refund
 * row, the payment's refund progress, the ledger and settlement bookkeeping, and refund.created +
 * refund.processed. Shared by the refund API and the auto-refund of uncaptured payments.
 */
export async function recordRefund(
  tx: Db,
  p: PaymentRow,
  r: { amount: number; speedRequested: 'normal' | 'optimum'; receipt: string | null; notes: Notes },
  now: number,
): Promise<RefundRow> {
  const amount = r.amount
  const speedProcessed = r.speedRequested === 'optimum' && amount !== INSTANT_FALLBACK_AMOUNT ? 'instant' : 'normal'
  const refund: RefundRow = {
    id: newId('refund'),
    merchant_id: p.merchant_id,
    payment_id: p.id,
    amount,
    currency: p.currency,
    status: 'processed',
    speed_requested: r.speedRequested,
    speed_processed: speedProcessed,
    receipt: r.receipt,
    batch_id: null,
    notes: JSON.stringify(r.notes),
    acquirer_data: JSON.stringify({ arn: arn() }),
    created_at: now,
    processed_at: now,
  }
  await refundStore.insert(tx, refund)
  await refundRecorded(tx, refund, p, now)
  const amountRefunded = p.amount_refunded + amount
  const full = amountRefunded === p.amount
  const status = full ? 'refunded' : p.status
  await paymentStore.update(tx, p.id, { kind: 'refundRecorded', amountRefunded, refundStatus: full ? 'full' : 'partial', status })
  const after: PaymentRow = { ...p, amount_refunded: amountRefunded, refund_status: full ? 'full' : 'partial', status }
  const payload = { refund: { entity: refundToWire(refund) }, payment: { entity: paymentToWire(after) } }
  const created = { ...payload, refund: { entity: { ...refundToWire(refund), status: 'pending', acquirer_data: { arn: null } } } }
  await recordEvent(tx, p.merchant_id, 'refund.created', created, now)
  await recordEvent(tx, p.merchant_id, 'refund.processed', payload, now)
  return refund
}

export async function createRefund(
  deps: Deps,
  merchant: Merchant,
  paymentId: string,
  input: RefundCreate,
  idempotencyKey: string | undefined,
): Promise<RefundRow> {
  const now = deps.clock.now(merchant.id)
  if (idempotencyKey === undefined) return deps.store.write((tx) => refundInTx(deps, tx, merchant, paymentId, input, now))
  return withIdempotency(
    deps,
    // Scope is merchant + endpoint; the payment id is part of the fingerprinted request, so reusing a
    // key for another payment is a different request, not a new refund.
    { merchantId: merchant.id, scope: 'refund', key: idempotencyKey, body: { payment_id: paymentId, ...input }, now, rules: refundKeyRules },
    async (tx) => {
      const refund = await refundInTx(deps, tx, merchant, paymentId, input, now)
      return { resourceId: refund.id, result: refund }
    },
    async (tx, id) => {
      const r = await refundStore.findByMerchantIdAndId(tx, merchant.id, id)
      if (!r) throw errors.server()
      return r
    },
  )
}

export async function getRefund(db: Db, merchantId: string, id: string): Promise<RefundRow> {
  if (!isIdOf('refund', id)) throw errors.invalidId(id)
  const r = await refundStore.findByMerchantIdAndId(db, merchantId, id)
  if (!r) throw errors.notFound()
  return r
}

export async function getPaymentRefund(db: Db, merchantId: string, paymentId: string, refundId: string): Promise<RefundRow> {
  const p = await getPayment(db, merchantId, paymentId)
  const r = await getRefund(db, merchantId, refundId)
  if (r.payment_id !== p.id) throw errors.notFound()
  return r
}

export async function listRefunds(deps: Deps, merchantId: string, page: Page, paymentId?: string): Promise<RefundRow[]> {
  if (paymentId !== undefined) await getPayment(deps.store.db, merchantId, paymentId)
  return refundStore.list(deps.store.db, merchantId, page, paymentId)
}

export async function editRefundNotes(deps: Deps, merchantId: string, id: string, notesInput: unknown): Promise<RefundRow> {
  const notes = JSON.stringify(validateNotes(notesInput))
  return deps.store.write(async (tx) => {
    const r = await getRefund(tx, merchantId, id)
    await refundStore.updateNotes(tx, r.id, notes)
    return { ...r, notes }
  })
}
