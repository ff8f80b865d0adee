/**
 * Reversals (POST/GET /v1/transfers/:id/reversals; RT:api/payments/route/reverse-a-transfer.md,
 * fetch-reversals.md, refund-payments-and-reverse-transfer.md, RT:payments/route/reversal.md).
 *
 *  - The amount (default: all that is not yet reversed, at least ₹1) is debited from the linked
 *    account and credited to the merchant's payment balance; the transfer fee is not returned.
 *    Several partial reversals are allowed; the transfer becomes partially_reversed, then reversed.
 *  - The linked account must hold the amount (ledger linked:<acc>), even after the transfer settled
 *    ("as long as there is a floating balance available"), so it never goes negative.
 *  - A refund with `reverse_all` first reverses the payment's transfers: all of them in full for a
 *    full refund; for a partial refund only when they went to a single linked account (by the refund
 *    amount, at most what is left of the transfer). Each reversal carries the refund's id.
 * Events: none (Razorpay documents no reversal webhook).
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest } from '../../http/errors.js'
import { validateNotes, type Notes } from '../../http/notes.js'
import { formatAmount } from '../../shared/money.js'
import { newIdBody } from '../../shared/ids.js'
import type { Db, PaymentRow } from '../../store/schema.js'
import { paymentStore } from '../payments/store.js'
import { reversalCredited } from '../settlements/hooks.js'
import { linkedBalance, postReversal } from './money.js'
import { lockMoney } from '../../ledger/ledger.js'
import { getTransfer } from './service.js'
import { canMove } from './states.js'
import { transferStore, type ReversalRow, type TransferRow } from './store.js'

const MIN_REVERSAL = 100

export function insufficientLinkedBalance() {
  return badRequest('The linked account does not have sufficient balance to process reversal.', { reason: 'insufficient_balance' })
}

/** Reverses `amount` of transfer `t` inside the caller's transaction (checks done by the callers). */
async function reverse(tx: Db, t: TransferRow, amount: number, r: { notes: Notes; customerRefundId: string | null }, now: number): Promise<ReversalRow> {
  await lockMoney(tx, t.merchant_id)
  if ((await linkedBalance(tx, t.merchant_id, t.recipient)) < amount) throw insufficientLinkedBalance()
  const reversal: ReversalRow = {
    id: `rvrsl_${newIdBody()}`,
    merchant_id: t.merchant_id,
    transfer_id: t.id,
    recipient: t.recipient,
    amount,
    fee: 0,
    tax: 0,
    currency: t.currency,
    notes: JSON.stringify(r.notes),
    // The samples show the initiating merchant's id without its acc_ prefix.
    initiator_id: t.merchant_id.replace(/^acc_/, ''),
    customer_refund_id: r.customerRefundId,
    utr: null,
    settlement_id: null,
    created_at: now,
  }
  await transferStore.insertReversal(tx, reversal)
  await postReversal(tx, reversal, now)
  if (t.payment_id !== null && t.source_type !== 'direct')
    await reversalCredited(tx, { id: reversal.id, merchant_id: t.merchant_id, payment_id: t.payment_id, currency: t.currency, amount }, now)
  const amountReversed = t.amount_reversed + amount
  const status = amountReversed === t.amount ? 'reversed' : 'partially_reversed'
  await transferStore.update(tx, t.id, { kind: 'reversed', amountReversed, status }, now)
  // The linked account's payment for the transfer is refunded by as much.
  if (t.recipient_payment_id !== null) {
    const full = amountReversed === t.amount
    await paymentStore.update(tx, t.recipient_payment_id, { kind: 'refundRecorded', amountRefunded: amountReversed, refundStatus: full ? 'full' : 'partial', status: full ? 'refunded' : 'captured' })
  }
  return reversal
}

function reversible(t: TransferRow): boolean {
  return canMove(t.status, 'reversed')
}

export async function createReversal(deps: Deps, merchant: Merchant, transferId: string, body: { amount?: unknown; notes?: unknown }): Promise<ReversalRow> {
  const notes = validateNotes(body.notes)
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const t = await getTransfer(tx, merchant, transferId)
    if (!reversible(t))
      throw badRequest(`Only processed transfers can be reversed. This transfer is ${t.status}.`, { field: 'id' })
    const remaining = t.amount - t.amount_reversed
    let amount = remaining
    if (body.amount !== undefined && body.amount !== null && body.amount !== '') {
      const n = typeof body.amount === 'string' && /^\d{1,15}$/.test(body.amount) ? Number(body.amount) : body.amount
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw badRequest('The amount must be an integer.', { field: 'amount' })
      amount = n
    }
    if (amount < MIN_REVERSAL) throw badRequest(`The amount must be at least ${formatAmount(MIN_REVERSAL, t.currency)}`, { field: 'amount' })
    if (amount > remaining)
      throw badRequest('The reversal amount is greater than the transfer amount not yet reversed.', { field: 'amount', metadata: { transfer_id: t.id } })
    return reverse(tx, t, amount, { notes, customerRefundId: null }, now)
  })
}

export async function listReversals(db: Db, merchant: Merchant, transferId: string): Promise<ReversalRow[]> {
  const t = await getTransfer(db, merchant, transferId)
  return transferStore.listReversals(db, t.merchant_id, t.id)
}

/**
 * `reverse_all` on a refund of `p` (the payment before the refund): reverses its transfers first,
 * inside the refund's transaction, so the refund fails whole if a linked account cannot pay back.
 */
export async function reverseForRefund(tx: Db, p: PaymentRow, refund: { id: string; amount: number }, now: number): Promise<ReversalRow[]> {
  const transfers = (await transferStore.listByPayment(tx, p.merchant_id, p.id)).filter(reversible)
  if (transfers.length === 0) return []
  const full = p.amount_refunded + refund.amount === p.amount
  const notes = {}
  if (full) {
    const out: ReversalRow[] = []
    for (const t of transfers) out.push(await reverse(tx, t, t.amount - t.amount_reversed, { notes, customerRefundId: refund.id }, now))
    return out
  }
  if (new Set(transfers.map((t) => t.recipient)).size > 1)
    throw badRequest(
      'reverse_all cannot be used for a partial refund of a payment transferred to more than one linked account; reverse the transfers with POST /v1/transfers/:id/reversals instead.',
      { field: 'reverse_all' },
    )
  const out: ReversalRow[] = []
  let left = refund.amount
  for (const t of transfers) {
    const amount = Math.min(left, t.amount - t.amount_reversed)
    if (amount <= 0) break
    out.push(await reverse(tx, t, amount, { notes, customerRefundId: refund.id }, now))
    left -= amount
  }
  return out
}

