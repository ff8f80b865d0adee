/**
 * The invoice entity (RT:api/payments/invoices/entity.md), which also backs registration links
 * (SEED-002, SEED-004: the same fields, `type: "link"`), and the item entity (item-entity.md).
 * Fields the samples always show as null or constant (view_less, billing_start, …) are kept.
 */
import { notesToWire } from '../../http/notes.js'
import type { CustomerRow } from '../customers/store.js'
import type { InvoiceRow, ItemRow } from './store.js'

const SYMBOLS: Record<string, string> = { INR: '₹', USD: '$', EUR: '€', GBP: '£', JPY: '¥', SGD: 'S$', AED: 'د.إ' }

export function currencySymbol(currency: string): string {
  return SYMBOLS[currency] ?? currency
}

export interface CustomerDetails {
  id: string | null
  name: string | null
  email: string | null
  contact: string | null
  gstin: string | null
  billing_address: unknown
  shipping_address: unknown
  customer_name: string | null
  customer_email: string | null
  customer_contact: string | null
}

/** The snapshot an invoice keeps of its customer (invoice samples' customer_details). */
/** An address given with the invoice's customer{} (create-with-details.md's sample response). */
export interface AddressWire {
  id: string
  type: 'billing_address' | 'shipping_address'
  primary: true
  line1: string
  line2: string | null
  zipcode: string
  city: string
  state: string
  country: string
}

export interface CustomerAddresses {
  billing_address: AddressWire | null
  shipping_address: AddressWire | null
}

export function customerDetails(c: CustomerRow, addresses: CustomerAddresses = { billing_address: null, shipping_address: null }): CustomerDetails {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    contact: c.contact,
    gstin: c.gstin,
    billing_address: addresses.billing_address,
    shipping_address: addresses.shipping_address,
    customer_name: c.name,
    customer_email: c.email,
    customer_contact: c.contact,
  }
}

export function invoiceToWire(i: InvoiceRow) {
  return {
    id: i.id,
    entity: 'invoice' as const,
    receipt: i.receipt,
    invoice_number: i.invoice_number,
    customer_id: i.customer_id,
    customer_details: i.customer_details ? (JSON.parse(i.customer_details) as CustomerDetails) : null,
    order_id: i.order_id,
    line_items: JSON.parse(i.line_items) as unknown[],
    payment_id: i.payment_id,
    status: i.status,
    expire_by: i.expire_by,
    issued_at: i.issued_at,
    paid_at: i.paid_at,
    cancelled_at: i.cancelled_at,
    expired_at: i.expired_at,
    sms_status: i.sms_status,
    email_status: i.email_status,
    date: i.date,
    terms: i.terms,
    partial_payment: i.partial_payment === 1,
    gross_amount: i.gross_amount,
    tax_amount: i.tax_amount,
    taxable_amount: i.taxable_amount,
    amount: i.amount,
    amount_paid: i.amount_paid,
    amount_due: i.amount - i.amount_paid,
    first_payment_min_amount: i.first_payment_min_amount,
    currency: i.currency,
    currency_symbol: currencySymbol(i.currency),
    description: i.description,
    notes: notesToWire(i.notes),
    comment: i.comment,
    short_url: i.short_url,
    view_less: true,
    billing_start: null,
    billing_end: null,
    type: i.type,
    group_taxes_discounts: false,
    reminder_status: null,
    subscription_status: null,
    supply_state_code: null,
    user_id: i.merchant_id.replace(/^acc_/, ''),
    created_at: i.created_at,
    idempotency_key: null,
  }
}

export function itemToWire(i: ItemRow) {
  return {
    id: i.id,
    active: i.active === 1,
    name: i.name,
    description: i.description,
    amount: i.amount,
    unit_amount: i.amount,
    currency: i.currency,
    type: 'invoice' as const,
    unit: i.unit,
    tax_inclusive: i.tax_inclusive === 1,
    hsn_code: i.hsn_code,
    sac_code: i.sac_code,
    tax_rate: i.tax_rate,
    tax_id: null,
    tax_group_id: null,
    created_at: i.created_at,
  }
}
