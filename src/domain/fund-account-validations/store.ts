/**
 * Queries for fund account validations. Every finder is merchant-scoped; the bank's answer is one
 * named change, written only while the validation is still `created`.
 */
import type { Page } from '../../http/pagination.js'
import type { Db, FundAccountValidationRow } from '../../store/schema.js'
import type { FundAccountRow } from '../fund-accounts/store.js'
import { resultColumns, type ValidationChange } from './states.js'

export const validationStore = {
  insert: (db: Db, row: FundAccountValidationRow) => db.insertInto('fund_account_validations').values(row).execute(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('fund_account_validations').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  /** Validations debited from one business account, newest first. */
  listByMerchantIdAndAccountNumber(db: Db, merchantId: string, accountNumber: string, page: Page) {
    let q = db.selectFrom('fund_account_validations').selectAll().where('merchant_id', '=', merchantId).where('account_number', '=', accountNumber)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  /** The fund accounts a page of validations embeds, in one query. */
  async fundAccountsByMerchantIdAndIds(db: Db, merchantId: string, ids: string[]): Promise<Map<string, FundAccountRow>> {
    if (ids.length === 0) return new Map()
    const rows = await db.selectFrom('fund_accounts').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', [...new Set(ids)]).execute()
    return new Map(rows.map((r) => [r.id, r]))
  },

  /** Writes the bank's answer if the validation is still `created`; returns the new row, or null if it had moved on. */
  async update(db: Db, v: FundAccountValidationRow, change: ValidationChange, now: number): Promise<FundAccountValidationRow | null> {
    const next: FundAccountValidationRow = { ...v, status: change.kind, ...resultColumns(change), updated_at: now }
    const r = await db
      .updateTable('fund_account_validations')
      .set({ status: next.status, account_status: next.account_status, registered_name: next.registered_name, utr: next.utr, updated_at: now })
      .where('id', '=', v.id)
      .where('status', '=', 'created')
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1 ? next : null
  },
}
