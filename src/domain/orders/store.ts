/** Queries for orders. Every finder is merchant-scoped. */
import type { ExpressionBuilder } from 'kysely'
import type { Database, Db, OrderRow } from '../../store/schema.js'
import type { Page } from '../../http/pagination.js'
import { insertRow } from '../../store/compiled-insert.js'
import { preparedFindByMerchantAndId } from '../../store/prepared-query.js'

export interface OrderFilter {
  receipt?: string
  authorized?: boolean
}

export const orderStore = {
  insert: (db: Db, row: OrderRow) => insertRow(db, 'orders', row),

  findByMerchantIdAndId: preparedFindByMerchantAndId('orders'),

  /** The merchant's first order with this receipt (orders_merchant_receipt). */
  firstByReceipt: (db: Db, merchantId: string, receipt: string) =>
    db
      .selectFrom('orders')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('receipt', '=', receipt)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),

  list(db: Db, merchantId: string, page: Page, filter: OrderFilter) {
    let q = db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    if (filter.receipt !== undefined) q = q.where('receipt', '=', filter.receipt)
    if (filter.authorized !== undefined) {
      const paid = (eb: ExpressionBuilder<Database, 'orders'>) =>
        eb.exists(
          eb
            .selectFrom('payments')
            .select('payments.id')
            .whereRef('payments.order_id', '=', 'orders.id')
            .whereRef('payments.merchant_id', '=', 'orders.merchant_id')
            .where('payments.authorized_at', 'is not', null),
        )
      q = filter.authorized ? q.where((eb) => paid(eb)) : q.where((eb) => eb.not(paid(eb)))
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  updateNotes: (db: Db, id: string, notes: string) => db.updateTable('orders').set({ notes }).where('id', '=', id).execute(),

  recordAttempt: (db: Db, id: string) =>
    db
      .updateTable('orders')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), status: eb.case().when('status', '=', 'created').then('attempted').else(eb.ref('status')).end() }))
      .where('id', '=', id)
      .execute(),

  recordPaid: (db: Db, id: string, amountPaid: number, status: string) =>
    db.updateTable('orders').set({ amount_paid: amountPaid, status }).where('id', '=', id).execute(),
}
