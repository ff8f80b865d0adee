/** Queries for RazorpayX business accounts. Every finder is merchant-scoped. */
import type { Db } from '../../store/schema.js'

export interface BusinessAccountRow {
  id: string
  merchant_id: string
  account_number: string
  account_type: string
  is_primary: number
  balance: number
  currency: string
  created_at: number
  updated_at: number
}

declare module '../../store/schema.js' {
  interface Database {
    business_accounts: BusinessAccountRow
  }
}

export const businessAccountStore = {
  insert: (db: Db, row: BusinessAccountRow) => db.insertInto('business_accounts').values(row).execute(),

  findPrimary: (db: Db, merchantId: string) =>
    db.selectFrom('business_accounts').selectAll().where('merchant_id', '=', merchantId).where('is_primary', '=', 1).executeTakeFirst(),

  findByMerchantIdAndNumber: (db: Db, merchantId: string, accountNumber: string) =>
    db
      .selectFrom('business_accounts')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('account_number', '=', accountNumber)
      .executeTakeFirst(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('business_accounts').selectAll().where('merchant_id', '=', merchantId).where('id', '=', id).executeTakeFirst(),

  numberTaken: async (db: Db, accountNumber: string) =>
    (await db.selectFrom('business_accounts').select('id').where('account_number', '=', accountNumber).executeTakeFirst()) !== undefined,

  listByMerchantId: (db: Db, merchantId: string) =>
    db.selectFrom('business_accounts').selectAll().where('merchant_id', '=', merchantId).orderBy('created_at').orderBy('id').execute(),

  /**
   * Adds `delta` to the cached balance unless that would make it negative; returns the new
   * balance, or null when refused (the caller's invariant check).
   */
  async addToBalance(db: Db, id: string, delta: number, now: number): Promise<number | null> {
    const r = await db
      .updateTable('business_accounts')
      .set((eb) => ({ balance: eb('balance', '+', delta), updated_at: now }))
      .where('id', '=', id)
      .where((eb) => eb(eb('balance', '+', delta), '>=', 0))
      .returning('balance')
      .executeTakeFirst()
    return r?.balance ?? null
  },
}
