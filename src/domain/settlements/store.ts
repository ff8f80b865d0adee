/** Queries for settlements, their items, schedules and on-demand settlements. Every finder is merchant-scoped. */
import type { Page } from '../../http/pagination.js'
import type { Db } from '../../store/schema.js'

export interface SettlementScheduleRow {
  merchant_id: string
  delay_days: number
  updated_at: number
}

export interface SettlementRow {
  id: string
  merchant_id: string
  amount: number
  currency: string
  status: string
  fees: number
  tax: number
  utr: string | null
  created_at: number
  processed_at: number | null
}

export interface SettlementItemRow {
  entity_id: string
  merchant_id: string
  /** Route (issue 4) adds `transfer` (a debit, like a refund) and `reversal` (a credit, due at once). */
  type: 'payment' | 'refund' | 'transfer' | 'reversal'
  payment_id: string
  currency: string
  amount: number
  credit: number
  debit: number
  fee: number
  tax: number
  balance_at: number
  due_at: number
  settlement_id: string | null
  settled_at: number | null
}

export interface OndemandSettlementRow {
  id: string
  merchant_id: string
  amount_requested: number
  amount_settled: number
  amount_pending: number
  amount_reversed: number
  fees: number
  tax: number
  currency: string
  settle_full_balance: number
  status: string
  description: string | null
  notes: string
  created_at: number
  processed_at: number | null
}

export interface OndemandPayoutRow {
  id: string
  merchant_id: string
  settlement_id: string
  amount: number
  amount_settled: number | null
  fees: number
  tax: number
  utr: string | null
  status: string
  initiated_at: number | null
  processed_at: number | null
  reversed_at: number | null
  created_at: number
}

declare module '../../store/schema.js' {
  interface Database {
    settlement_schedules: SettlementScheduleRow
    settlements: SettlementRow
    settlement_items: SettlementItemRow
    ondemand_settlements: OndemandSettlementRow
    ondemand_payouts: OndemandPayoutRow
  }
}

export const settlementStore = {
  findSchedule: (db: Db, merchantId: string) =>
    db.selectFrom('settlement_schedules').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst(),

  upsertSchedule: (db: Db, row: SettlementScheduleRow) =>
    db
      .insertInto('settlement_schedules')
      .values(row)
      .onConflict((oc) => oc.column('merchant_id').doUpdateSet({ delay_days: row.delay_days, updated_at: row.updated_at }))
      .execute(),

  insert: (db: Db, row: SettlementRow) => db.insertInto('settlements').values(row).execute(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('settlements').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  list(db: Db, merchantId: string, page: Page) {
    let q = db.selectFrom('settlements').selectAll().where('merchant_id', '=', merchantId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  insertItem: (db: Db, row: SettlementItemRow) => db.insertInto('settlement_items').values(row).execute(),

  /** Unsettled items of one currency: payments due by `slot`, and every other item (refunds, Route transfers and reversals) posted by then. */
  listSettleable: (db: Db, merchantId: string, currency: string, slot: number) =>
    db
      .selectFrom('settlement_items')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('settlement_id', 'is', null)
      .where('currency', '=', currency)
      .where((eb) =>
        eb.or([
          eb.and([eb('type', '=', 'payment'), eb('due_at', '<=', slot)]),
          eb.and([eb('type', '!=', 'payment'), eb('balance_at', '<=', slot)]),
        ]),
      )
      .orderBy('balance_at')
      .orderBy('entity_id')
      .execute(),

  markSettled: (db: Db, entityIds: string[], settlementId: string, at: number) =>
    db
      .updateTable('settlement_items')
      .set({ settlement_id: settlementId, settled_at: at })
      .where('entity_id', 'in', entityIds)
      .where('settlement_id', 'is', null)
      .execute(),

  /** Items settled in [start, end), in settlement order. */
  listSettledBetween: (db: Db, merchantId: string, start: number, end: number, count: number, skip: number) =>
    db
      .selectFrom('settlement_items')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('settled_at', '>=', start)
      .where('settled_at', '<', end)
      .orderBy('settled_at')
      .orderBy('balance_at')
      .orderBy('entity_id')
      .limit(count)
      .offset(skip)
      .execute(),

  listByIds: (db: Db, merchantId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([] as SettlementRow[])
      : db.selectFrom('settlements').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', ids).execute(),

  insertOndemand: (db: Db, row: OndemandSettlementRow) => db.insertInto('ondemand_settlements').values(row).execute(),

  insertOndemandPayout: (db: Db, row: OndemandPayoutRow) => db.insertInto('ondemand_payouts').values(row).execute(),

  findOndemand: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('ondemand_settlements').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  listOndemand(db: Db, merchantId: string, page: Page) {
    let q = db.selectFrom('ondemand_settlements').selectAll().where('merchant_id', '=', merchantId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  listOndemandPayouts: (db: Db, merchantId: string, settlementIds: string[]) =>
    settlementIds.length === 0
      ? Promise.resolve([] as OndemandPayoutRow[])
      : db
          .selectFrom('ondemand_payouts')
          .selectAll()
          .where('merchant_id', '=', merchantId)
          .where('settlement_id', 'in', settlementIds)
          .orderBy('settlement_id')
          .orderBy('id')
          .execute(),

  updateOndemand: (db: Db, id: string, changes: Partial<Omit<OndemandSettlementRow, 'id' | 'merchant_id'>>) =>
    db.updateTable('ondemand_settlements').set(changes).where('id', '=', id).execute(),

  updateOndemandPayout: (db: Db, id: string, changes: Partial<Omit<OndemandPayoutRow, 'id' | 'merchant_id'>>) =>
    db.updateTable('ondemand_payouts').set(changes).where('id', '=', id).execute(),
}
