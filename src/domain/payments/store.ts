/** Queries for payments and their cards. Updates are named intents, not patch bags. */
import type { Page } from '../../http/pagination.js'
import type { CardRow, Db, PaymentRow } from '../../store/schema.js'
import { preparedFindByMerchantAndId } from '../../store/prepared-query.js'

export type PaymentUpdate =
  | { kind: 'otpFailed'; attempts: number }
  | { kind: 'authorized'; at: number; acquirerData: string }
  | { kind: 'failed'; error: { code: string; description: string; source: string; step: string; reason: string } }
  | { kind: 'captured'; at: number; fee: number; tax: number }
  | { kind: 'refundRecorded'; amountRefunded: number; refundStatus: 'partial' | 'full'; status: string }
  | { kind: 'notes'; notes: string }
  /** Recurring (issue 5): the token an authorisation payment made, or a recurring charge used. */
  | { kind: 'token'; tokenId: string }

function changes(u: PaymentUpdate): Partial<PaymentRow> {
  switch (u.kind) {
    case 'otpFailed':
      return { otp_attempts: u.attempts }
    case 'authorized':
      return { status: 'authorized', authorized_at: u.at, auth_step: null, acquirer_data: u.acquirerData }
    case 'failed':
      return {
        status: 'failed',
        auth_step: null,
        error_code: u.error.code,
        error_description: u.error.description,
        error_source: u.error.source,
        error_step: u.error.step,
        error_reason: u.error.reason,
      }
    case 'captured':
      return { status: 'captured', captured: 1, captured_at: u.at, fee: u.fee, tax: u.tax }
    case 'refundRecorded':
      return { amount_refunded: u.amountRefunded, refund_status: u.refundStatus, status: u.status }
    case 'notes':
      return { notes: u.notes }
    case 'token':
      return { token_id: u.tokenId }
  }
}

export const paymentStore = {
  insert: (db: Db, row: PaymentRow) => db.insertInto('payments').values(row).execute(),
  insertCard: (db: Db, row: CardRow) => db.insertInto('cards').values(row).execute(),

  findByMerchantIdAndId: preparedFindByMerchantAndId('payments'),

  /** For the customer-facing bank page, which carries no merchant credentials. */
  findById: (db: Db, id: string) => db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst(),

  findCard: (db: Db, merchantId: string, cardId: string) =>
    db.selectFrom('cards').selectAll().where('id', '=', cardId).where('merchant_id', '=', merchantId).executeTakeFirst(),

  async cardsByIds(db: Db, merchantId: string, ids: string[]): Promise<Map<string, CardRow>> {
    if (ids.length === 0) return new Map()
    const rows = await db.selectFrom('cards').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', ids).execute()
    return new Map(rows.map((r) => [r.id, r]))
  },

  list(db: Db, merchantId: string, page: Page) {
    let q = db.selectFrom('payments').selectAll().where('merchant_id', '=', merchantId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  listByOrder: (db: Db, merchantId: string, orderId: string) =>
    db
      .selectFrom('payments')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('order_id', '=', orderId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  listByOrders: (db: Db, merchantId: string, orderIds: string[]) =>
    orderIds.length === 0
      ? Promise.resolve([] as PaymentRow[])
      : db
          .selectFrom('payments')
          .selectAll()
          .where('merchant_id', '=', merchantId)
          .where('order_id', 'in', orderIds)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute(),

  update: (db: Db, id: string, u: PaymentUpdate) => db.updateTable('payments').set(changes(u)).where('id', '=', id).execute(),
}
