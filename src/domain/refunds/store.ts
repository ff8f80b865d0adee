/** Queries for refunds. Every finder is merchant-scoped. */
import type { Page } from '../../http/pagination.js'
import type { Db, RefundRow } from '../../store/schema.js'
import { preparedFindByMerchantAndId } from '../../store/prepared-query.js'

export const refundStore = {
  insert: (db: Db, row: RefundRow) => db.insertInto('refunds').values(row).execute(),

  findByMerchantIdAndId: preparedFindByMerchantAndId('refunds'),

  list(db: Db, merchantId: string, page: Page, paymentId?: string) {
    let q = db.selectFrom('refunds').selectAll().where('merchant_id', '=', merchantId)
    if (paymentId !== undefined) q = q.where('payment_id', '=', paymentId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  updateNotes: (db: Db, id: string, notes: string) => db.updateTable('refunds').set({ notes }).where('id', '=', id).execute(),
}
