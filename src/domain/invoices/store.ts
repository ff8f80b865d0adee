/** Queries for invoices (registration links and invoices) and items (migration 0006). Merchant-scoped. */
import type { Page } from '../../http/pagination.js'
import type { Db } from '../../store/schema.js'

export interface InvoiceRow {
  id: string
  merchant_id: string
  type: string
  status: string
  customer_id: string | null
  customer_details: string | null
  order_id: string | null
  payment_id: string | null
  receipt: string | null
  invoice_number: string | null
  description: string | null
  terms: string | null
  comment: string | null
  notes: string
  line_items: string
  currency: string
  amount: number
  gross_amount: number
  tax_amount: number
  taxable_amount: number
  amount_paid: number
  partial_payment: number
  first_payment_min_amount: number | null
  expire_by: number | null
  date: number | null
  issued_at: number | null
  paid_at: number | null
  cancelled_at: number | null
  expired_at: number | null
  sms_notify: number
  email_notify: number
  sms_status: string | null
  email_status: string | null
  short_url: string | null
  subscription_registration: string | null
  created_at: number
}

export interface ItemRow {
  id: string
  merchant_id: string
  active: number
  name: string
  description: string | null
  amount: number
  currency: string
  unit: string | null
  tax_inclusive: number
  hsn_code: string | null
  sac_code: string | null
  tax_rate: number | null
  created_at: number
  deleted_at: number | null
}

declare module '../../store/schema.js' {
  interface Database {
    invoices: InvoiceRow
    items: ItemRow
  }
}

export interface InvoiceFilter {
  type?: string
  payment_id?: string
  receipt?: string
  customer_id?: string
  status?: string
}

export const invoiceStore = {
  insert: (db: Db, row: InvoiceRow) => db.insertInto('invoices').values(row).execute(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('invoices').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  /** For the customer-facing short URL, which carries no merchant credentials. */
  findById: (db: Db, id: string) => db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst(),

  findByOrder: (db: Db, merchantId: string, orderId: string) =>
    db.selectFrom('invoices').selectAll().where('order_id', '=', orderId).where('merchant_id', '=', merchantId).executeTakeFirst(),

  list(db: Db, merchantId: string, page: Page, f: InvoiceFilter) {
    let q = db.selectFrom('invoices').selectAll().where('merchant_id', '=', merchantId).where('status', '!=', 'deleted')
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    for (const k of ['type', 'receipt', 'customer_id', 'status'] as const) {
      const v = f[k]
      if (v !== undefined) q = q.where(k, '=', v)
    }
    // Any payment made against the invoice, not only the latest (a partially paid invoice has several).
    const paymentId = f.payment_id
    if (paymentId !== undefined)
      q = q.where((eb) =>
        eb.or([
          eb('payment_id', '=', paymentId),
          eb('id', 'in', eb.selectFrom('payments').select('payments.invoice_id').where('payments.id', '=', paymentId).where('payments.merchant_id', '=', merchantId)),
        ]),
      )
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  update: (db: Db, id: string, changes: Partial<InvoiceRow>) => db.updateTable('invoices').set(changes).where('id', '=', id).execute(),

  insertItem: (db: Db, row: ItemRow) => db.insertInto('items').values(row).execute(),

  findItem: (db: Db, merchantId: string, id: string) =>
    db
      .selectFrom('items')
      .selectAll()
      .where('id', '=', id)
      .where('merchant_id', '=', merchantId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),

  listItems(db: Db, merchantId: string, page: Page, active?: boolean) {
    let q = db.selectFrom('items').selectAll().where('merchant_id', '=', merchantId).where('deleted_at', 'is', null)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    if (active !== undefined) q = q.where('active', '=', active ? 1 : 0)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  updateItem: (db: Db, id: string, changes: Partial<ItemRow>) => db.updateTable('items').set(changes).where('id', '=', id).execute(),
}
