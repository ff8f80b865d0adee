/** Queries for RazorpayX business accounts. Every finder is merchant-scoped. */
import { sql } from 'kysely'
import type { Db } from '../../store/schema.js'
import { preparedQuery } from '../../store/prepared-query.js'

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

const primaryAccount = preparedQuery((db, p: { merchantId: string }) =>
  db.selectFrom('business_accounts').selectAll().where('merchant_id', '=', p.merchantId).where('is_primary', '=', sql.lit(1)),
)

/** Every payout, validation and top-up moves the balance by a conditional update: prepared. */
const moveBalance = preparedQuery((db, p: { id: string; delta: number; now: number }) =>
  db
    .updateTable('business_accounts')
    .set((eb) => ({ balance: eb('balance', '+', p.delta), updated_at: p.now }))
    .where('id', '=', p.id)
    .where((eb) => eb(eb('balance', '+', p.delta), '>=', sql.lit(0)))
    .returning('balance'),
)

export const businessAccountStore = {
  insert: (db: Db, row: BusinessAccountRow) => db.insertInto('business_accounts').values(row).execute(),

  // Read by every payout and fund account validation: prepared, with is_primary a literal so that
  // the partial unique index (merchant_id) WHERE is_primary = 1 answers it.
  findPrimary: (db: Db, merchantId: string) => primaryAccount.first(db, { merchantId }),

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
    const r = await moveBalance.first(db, { id, delta, now })
    return r?.balance ?? null
  },
}
