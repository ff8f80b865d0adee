/** Queries for merchants and their API keys. */
import type { ApiKeyRow, Db, MerchantRow } from '../../store/schema.js'

export const merchantStore = {
  insert: (db: Db, row: MerchantRow) => db.insertInto('merchants').values(row).execute(),
  insertKey: (db: Db, row: ApiKeyRow) => db.insertInto('api_keys').values(row).execute(),
  findById: (db: Db, id: string) => db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Db) => db.selectFrom('merchants').selectAll().orderBy('created_at').orderBy('id').execute(),
  findKey: (db: Db, keyId: string) =>
    db.selectFrom('api_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst(),
  activeKeys: (db: Db, merchantId: string) =>
    db
      .selectFrom('api_keys')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('revoked_at', 'is', null)
      .execute(),
  revokeKeys: (db: Db, merchantId: string, at: number) =>
    db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('merchant_id', '=', merchantId)
      .where('revoked_at', 'is', null)
      .execute(),
}
