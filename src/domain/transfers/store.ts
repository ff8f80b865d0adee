/**
 * Queries for transfers and their reversals. Every finder is scoped: by the parent merchant (who
 * pays), or by the recipient when a linked account reads what it received. Updates are named intents.
 */
import type { Page } from '../../http/pagination.js'
import type { Db } from '../../store/schema.js'

export interface TransferRow {
  id: string
  merchant_id: string
  source: string
  source_type: 'direct' | 'payment' | 'order'
  payment_id: string | null
  recipient: string
  amount: number
  currency: string
  amount_reversed: number
  fees: number
  tax: number
  notes: string
  linked_account_notes: string
  on_hold: number
  on_hold_until: number | null
  status: string
  settle_at: number | null
  recipient_settlement_id: string | null
  settled_at: number | null
  recipient_payment_id: string | null
  error_code: string | null
  error_description: string | null
  error_source: string | null
  error_step: string | null
  error_reason: string | null
  attempts: number
  created_at: number
  processed_at: number | null
  updated_at: number
}

export interface ReversalRow {
  id: string
  merchant_id: string
  transfer_id: string
  recipient: string
  amount: number
  fee: number
  tax: number
  currency: string
  notes: string
  initiator_id: string
  customer_refund_id: string | null
  utr: string | null
  settlement_id: string | null
  created_at: number
}

declare module '../../store/schema.js' {
  interface Database {
    transfers: TransferRow
    transfer_reversals: ReversalRow
  }
}

export interface TransferError {
  code: string
  description: string
  source: string
  step: string
  reason: string
}

export type TransferUpdate =
  | { kind: 'pending'; paymentId: string; fees: number; tax: number }
  | { kind: 'processed'; at: number; attempts: number; settleAt: number | null; recipientPaymentId: string }
  | { kind: 'failed'; error: TransferError; attempts: number }
  | { kind: 'reversed'; amountReversed: number; status: 'partially_reversed' | 'reversed' }
  | { kind: 'hold'; onHold: boolean; onHoldUntil: number | null; settleAt: number | null }
  | { kind: 'holdReleased' }
  | { kind: 'settled'; settlementId: string; at: number }

function changes(u: TransferUpdate): Partial<TransferRow> {
  switch (u.kind) {
    case 'pending':
      return { status: 'pending', payment_id: u.paymentId, fees: u.fees, tax: u.tax }
    case 'processed':
      return {
        status: 'processed',
        processed_at: u.at,
        attempts: u.attempts,
        settle_at: u.settleAt,
        recipient_payment_id: u.recipientPaymentId,
        error_code: null,
        error_description: null,
        error_source: null,
        error_step: null,
        error_reason: null,
      }
    case 'failed':
      return {
        status: 'failed',
        attempts: u.attempts,
        error_code: u.error.code,
        error_description: u.error.description,
        error_source: u.error.source,
        error_step: u.error.step,
        error_reason: u.error.reason,
      }
    case 'reversed':
      return { amount_reversed: u.amountReversed, status: u.status }
    case 'hold':
      return { on_hold: u.onHold ? 1 : 0, on_hold_until: u.onHoldUntil, settle_at: u.settleAt }
    case 'holdReleased':
      return { on_hold: 0 }
    case 'settled':
      return { recipient_settlement_id: u.settlementId, settled_at: u.at }
  }
}

export interface TransferFilter {
  /** A linked account reading what it received (X-Razorpay-Account). */
  recipient?: string
  recipientSettlementId?: string
}

export const transferStore = {
  insert: (db: Db, row: TransferRow) => db.insertInto('transfers').values(row).execute(),

  update: (db: Db, id: string, u: TransferUpdate, now: number) =>
    db.updateTable('transfers').set({ ...changes(u), updated_at: now }).where('id', '=', id).execute(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('transfers').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  /** For a linked account: a transfer it received from its parent. */
  findByRecipientAndId: (db: Db, parentId: string, recipient: string, id: string) =>
    db
      .selectFrom('transfers')
      .selectAll()
      .where('id', '=', id)
      .where('merchant_id', '=', parentId)
      .where('recipient', '=', recipient)
      .executeTakeFirst(),

  list(db: Db, merchantId: string, page: Page, f: TransferFilter = {}) {
    let q = db.selectFrom('transfers').selectAll().where('merchant_id', '=', merchantId)
    if (f.recipient !== undefined) q = q.where('recipient', '=', f.recipient)
    if (f.recipientSettlementId !== undefined) q = q.where('recipient_settlement_id', '=', f.recipientSettlementId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  /** Transfers that move this payment's money: from the payment itself, or from its paid order. */
  listByPayment(db: Db, merchantId: string, paymentId: string, page?: Page) {
    let q = db.selectFrom('transfers').selectAll().where('merchant_id', '=', merchantId).where('payment_id', '=', paymentId)
    if (page) {
      if (page.from !== null) q = q.where('created_at', '>=', page.from)
      if (page.to !== null) q = q.where('created_at', '<=', page.to)
      q = q.limit(page.count).offset(page.skip)
    }
    return q.orderBy('created_at').orderBy('id').execute()
  },

  /** Transfers set up on orders (source = order id), in creation order. */
  listByOrders: (db: Db, merchantId: string, orderIds: string[]) =>
    orderIds.length === 0
      ? Promise.resolve([] as TransferRow[])
      : db
          .selectFrom('transfers')
          .selectAll()
          .where('merchant_id', '=', merchantId)
          .where('source_type', '=', 'order')
          .where('source', 'in', orderIds)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),

  listByIds: (db: Db, merchantId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([] as TransferRow[])
      : db.selectFrom('transfers').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', ids).execute(),

  /** Transfers a linked account may be paid for in the settlement slot `slot`, oldest first. */
  listSettleable: (db: Db, merchantId: string, recipient: string, slot: number) =>
    db
      .selectFrom('transfers')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('recipient', '=', recipient)
      .where('recipient_settlement_id', 'is', null)
      .where('status', 'in', ['processed', 'partially_reversed'])
      .where('on_hold', '=', 0)
      .where('settle_at', 'is not', null)
      .where('settle_at', '<=', slot)
      .orderBy('processed_at')
      .orderBy('id')
      .execute(),

  insertReversal: (db: Db, row: ReversalRow) => db.insertInto('transfer_reversals').values(row).execute(),

  listReversals: (db: Db, merchantId: string, transferId: string) =>
    db
      .selectFrom('transfer_reversals')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('transfer_id', '=', transferId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  /** Reversals not yet netted by a settlement of the linked account, made by `upTo`. */
  listUnsettledReversals: (db: Db, merchantId: string, recipient: string, upTo: number) =>
    db
      .selectFrom('transfer_reversals')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('recipient', '=', recipient)
      .where('settlement_id', 'is', null)
      .where('created_at', '<=', upTo)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),

  markReversalsSettled: (db: Db, ids: string[], settlementId: string) =>
    ids.length === 0
      ? Promise.resolve()
      : db.updateTable('transfer_reversals').set({ settlement_id: settlementId }).where('id', 'in', ids).where('settlement_id', 'is', null).execute(),
}
