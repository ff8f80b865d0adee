/**
 * What the hosted checkout (src/checkout/) needs to take an authorisation payment or pay an
 * invoice: the invoice behind a short URL, and the mandate an authorisation order asks the
 * customer to authorise (method, limits, the bank account it is on). The checkout then pays through
 * the same createPayment as the API, with `recurring` set (authorisation.ts does the rest).
 */
import { badRequest, errors } from '../../http/errors.js'
import type { Db, OrderRow } from '../../store/schema.js'
import { maskAccountNumber } from '../customers/entity.js'
import { customerStore } from '../customers/store.js'
import { isRIdOf } from '../customers/ids.js'
import { notAllowed, PAYABLE } from '../invoices/lifecycle.js'
import { invoiceStore } from '../invoices/store.js'
import { orderToken } from './mandate.js'

export interface CheckoutInvoice {
  id: string
  description: string | null
  status: string
  order_id: string | null
  customer_id: string | null
}

/** A payable invoice of this merchant (the id travels in the page; a wrong one is "does not exist"). */
export async function checkoutInvoice(db: Db, merchantId: string, id: string): Promise<CheckoutInvoice> {
  const i = isRIdOf('invoice', id) ? await invoiceStore.findByMerchantIdAndId(db, merchantId, id) : undefined
  if (!i || i.status === 'draft' || i.status === 'deleted') throw errors.notFound('invoice_id')
  if (!PAYABLE.has(i.status)) throw notAllowed(i.status)
  return { id: i.id, description: i.description, status: i.status, order_id: i.order_id, customer_id: i.customer_id }
}

export interface CheckoutMandate {
  method: string
  auth_type: string | null
  max_amount: number
  expire_at: number | null
  frequency: string
  /** The account an e-mandate or NACH is on, number masked; `bank` is the code to pay with. */
  bank_account: { bank: string; bank_name: string | null; name: string | null; account_number: string; account_type: string } | null
  nach_form: string | null
  customer: { id: string; name: string | null; email: string | null; contact: string | null }
}

/** The mandate of an authorisation order, for the page; an ordinary order cannot be paid recurring. */
export async function checkoutMandate(db: Db, merchantId: string, order: OrderRow): Promise<CheckoutMandate> {
  const t = orderToken(order)
  if (!t || !order.customer_id)
    throw badRequest('Recurring checkout needs an authorisation order: create the order with method, customer_id and token.', { field: 'order_id' })
  const c = await customerStore.findByMerchantIdAndId(db, merchantId, order.customer_id)
  const b = t.bank_account
  return {
    method: t.method,
    auth_type: t.auth_type,
    max_amount: t.max_amount,
    expire_at: t.expire_at,
    frequency: t.frequency,
    bank_account: b
      ? { bank: b.ifsc.slice(0, 4), bank_name: b.bank_name, name: b.name, account_number: maskAccountNumber(b.account_number), account_type: b.account_type }
      : null,
    nach_form: t.nach?.prefilled_form ?? null,
    customer: { id: order.customer_id, name: c?.name ?? null, email: c?.email ?? null, contact: c?.contact ?? null },
  }
}
