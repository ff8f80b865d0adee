/**
 * Queries for tokens and for the recurring context of authorisation payments (migration 0006).
 * Also extends the order row with the two columns 0006 adds to `orders`: an authorisation order's
 * customer and its token block. Every finder is merchant-scoped.
 */
import type { Db } from '../../store/schema.js'

export interface TokenRow {
  id: string
  merchant_id: string
  customer_id: string | null
  token: string
  source: 'recurring' | 'tokenhq'
  method: string
  card_id: string | null
  bank: string | null
  vpa: string | null
  auth_type: string | null
  recurring: number
  recurring_status: string | null
  failure_reason: string | null
  max_amount: number | null
  expired_at: number | null
  frequency: string | null
  bank_details: string | null
  notes: string
  par: string | null
  token_iin: string | null
  payment_id: string | null
  order_id: string | null
  status: 'active' | 'deleted'
  used_at: number | null
  start_time: number | null
  created_at: number
  deleted_at: number | null
}

export interface PaymentMandateRow {
  payment_id: string
  merchant_id: string
  customer_id: string
  auth_type: string | null
  bank_account: string | null
  par: string | null
  created_at: number
}

declare module '../../store/schema.js' {
  interface Database {
    tokens: TokenRow
    payment_mandates: PaymentMandateRow
  }
  interface OrderRow {
    /** Authorisation orders (and orders created for a customer): the customer. */
    customer_id?: string | null
    /** Authorisation orders: the order's `token` block as shown on the wire (JSON). */
    token?: string | null
  }
}

export type TokenUpdate =
  | { kind: 'status'; status: string; recurring: boolean; failureReason: string | null }
  | { kind: 'deleted'; at: number }
  | { kind: 'used'; at: number }

function changes(u: TokenUpdate): Partial<TokenRow> {
  switch (u.kind) {
    case 'status':
      return { recurring_status: u.status, recurring: u.recurring ? 1 : 0, failure_reason: u.failureReason }
    case 'deleted':
      return { status: 'deleted', deleted_at: u.at }
    case 'used':
      return { used_at: u.at }
  }
}

export const tokenStore = {
  insert: (db: Db, row: TokenRow) => db.insertInto('tokens').values(row).execute(),

  findByMerchantIdAndId: (db: Db, merchantId: string, id: string) =>
    db.selectFrom('tokens').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst(),

  /** Tokens of a customer, newest first. */
  listByCustomer: (db: Db, merchantId: string, customerId: string) =>
    db
      .selectFrom('tokens')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  findByTokenIin: (db: Db, merchantId: string, tokenIin: string) =>
    db.selectFrom('tokens').selectAll().where('merchant_id', '=', merchantId).where('token_iin', '=', tokenIin).executeTakeFirst(),

  update: (db: Db, id: string, u: TokenUpdate) => db.updateTable('tokens').set(changes(u)).where('id', '=', id).execute(),

  insertMandate: (db: Db, row: PaymentMandateRow) => db.insertInto('payment_mandates').values(row).execute(),

  findMandate: (db: Db, merchantId: string, paymentId: string) =>
    db
      .selectFrom('payment_mandates')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .where('merchant_id', '=', merchantId)
      .executeTakeFirst(),
}
