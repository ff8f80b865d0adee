/** Queries for fund accounts. Every finder is merchant-scoped. */
import type { Page } from '../../http/pagination.js'
import type { Db } from '../../store/schema.js'
import { preparedFindByMerchantAndId } from '../../store/prepared-query.js'

export interface FundAccountRow {
  id: string
  merchant_id: string
  contact_id: string | null
  customer_id: string | null
  account_type: string
  /** JSON of the wire sub-object: bank_account{…} | vpa{…} | card{…} | wallet{…}. */
  details: string
  dedupe_key: string | null
  active: number
  batch_id: string | null
  created_at: number
}

declare module '../../store/schema.js' {
  interface Database {
    fund_accounts: FundAccountRow
  }
}

export interface FundAccountFilter {
  contact_id?: string
  customer_id?: string
  account_type?: string
  active?: number
}

export const fundAccountStore = {
  insert: (db: Db, row: FundAccountRow) => db.insertInto('fund_accounts').values(row).execute(),

  findByMerchantIdAndId: preparedFindByMerchantAndId('fund_accounts'),

  findByMerchantIdAndDedupeKey: (db: Db, merchantId: string, key: string) =>
    db
      .selectFrom('fund_accounts')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('dedupe_key', '=', key)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),

  list(db: Db, merchantId: string, page: Page, f: FundAccountFilter) {
    let q = db.selectFrom('fund_accounts').selectAll().where('merchant_id', '=', merchantId)
    if (f.contact_id !== undefined) q = q.where('contact_id', '=', f.contact_id)
    if (f.customer_id !== undefined) q = q.where('customer_id', '=', f.customer_id)
    if (f.account_type !== undefined) q = q.where('account_type', '=', f.account_type)
    if (f.active !== undefined) q = q.where('active', '=', f.active)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  setActive: (db: Db, id: string, active: boolean) =>
    db.updateTable('fund_accounts').set({ active: active ? 1 : 0 }).where('id', '=', id).execute(),
}
