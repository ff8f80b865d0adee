/**
 * Queries for customers, their bank accounts and eligibility checks. Every finder is
 * merchant-scoped. The tables come from migration 0006; their row types join the Database
 * interface here (schema.ts invites feature slices to extend it).
 */
import type { Db } from '../../store/schema.js'
import type { Page } from '../../http/pagination.js'

export interface CustomerRow {
  id: string
  merchant_id: string
  name: string | null
  email: string | null
  contact: string | null
  gstin: string | null
  notes: string
  created_at: number
}

export interface CustomerBankAccountRow {
  id: string
  merchant_id: string
  customer_id: string
  ifsc: string
  bank_name: string | null
  name: string | null
  account_number: string
  beneficiary: string
  status: string
  created_at: number
  deleted_at: number | null
}

export interface EligibilityRow {
  id: string
  merchant_id: string
  body: string
  created_at: number
}

declare module '../../store/schema.js' {
  interface Database {
    customers: CustomerRow
    customer_bank_accounts: CustomerBankAccountRow
    customer_eligibility: EligibilityRow
  }
}

export type CustomerChanges = Partial<Pick<CustomerRow, 'name' | 'email' | 'contact' | 'gstin' | 'notes'>>

export const customerStore = {
  insert: (db: Db, row: CustomerRow) => db.insertInto('customers').values(row).execute(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('customers').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  /** The customer with exactly this email and contact (NULLs match NULLs), oldest first. */
  findByIdentity: (db: Db, merchantId: string, email: string | null, contact: string | null) =>
    db
      .selectFrom('customers')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where((eb) => (email === null ? eb('email', 'is', null) : eb('email', '=', email)))
      .where((eb) => (contact === null ? eb('contact', 'is', null) : eb('contact', '=', contact)))
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst(),

  list(db: Db, merchantId: string, page: Page) {
    let q = db.selectFrom('customers').selectAll().where('merchant_id', '=', merchantId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  update: (db: Db, id: string, changes: CustomerChanges) => db.updateTable('customers').set(changes).where('id', '=', id).execute(),

  insertBankAccount: (db: Db, row: CustomerBankAccountRow) => db.insertInto('customer_bank_accounts').values(row).execute(),

  findBankAccount: (db: Db, merchantId: string, customerId: string, id: string) =>
    db
      .selectFrom('customer_bank_accounts')
      .selectAll()
      .where('id', '=', id)
      .where('merchant_id', '=', merchantId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),

  deleteBankAccount: (db: Db, id: string, at: number) =>
    db.updateTable('customer_bank_accounts').set({ status: 'deleted', deleted_at: at }).where('id', '=', id).execute(),

  insertEligibility: (db: Db, row: EligibilityRow) => db.insertInto('customer_eligibility').values(row).execute(),

  findEligibility: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('customer_eligibility').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),
}
