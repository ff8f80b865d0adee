/** Queries for Route linked accounts. Every finder is scoped to the parent merchant. */
import type { Db } from '../../store/schema.js'

export interface LinkedAccountRow {
  id: string
  merchant_id: string
  type: string
  status: string
  email: string
  phone: string
  legal_business_name: string
  customer_facing_business_name: string
  business_type: string
  reference_id: string | null
  contact_name: string
  profile: string
  legal_info: string | null
  contact_info: string | null
  apps: string | null
  brand: string | null
  notes: string
  transfers_from: number
  created_at: number
  updated_at: number
  suspended_at: number | null
}

declare module '../../store/schema.js' {
  interface Database {
    linked_accounts: LinkedAccountRow
  }
}

export type LinkedAccountUpdate = Partial<
  Pick<
    LinkedAccountRow,
    | 'phone'
    | 'legal_business_name'
    | 'customer_facing_business_name'
    | 'reference_id'
    | 'contact_name'
    | 'profile'
    | 'legal_info'
    | 'contact_info'
    | 'apps'
    | 'brand'
    | 'notes'
  >
>

export const linkedAccountStore = {
  insert: (db: Db, row: LinkedAccountRow) => db.insertInto('linked_accounts').values(row).execute(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('linked_accounts').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  findByMerchantIdAndEmail: (db: Db, merchantId: string, email: string) =>
    db.selectFrom('linked_accounts').select('id').where('merchant_id', '=', merchantId).where('email', '=', email).executeTakeFirst(),

  update: (db: Db, id: string, changes: LinkedAccountUpdate, now: number) =>
    db.updateTable('linked_accounts').set({ ...changes, updated_at: now }).where('id', '=', id).execute(),

  suspend: (db: Db, id: string, now: number) =>
    db.updateTable('linked_accounts').set({ status: 'suspended', suspended_at: now, updated_at: now }).where('id', '=', id).execute(),

  /** Ends the cooling period now (POST /_sandbox/accounts/:id/activate). */
  activate: (db: Db, id: string, now: number) =>
    db.updateTable('linked_accounts').set({ transfers_from: now, updated_at: now }).where('id', '=', id).where('transfers_from', '>', now).execute(),
}
