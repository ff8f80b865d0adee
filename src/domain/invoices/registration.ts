/**
 * Registration links: POST /v1/subscription_registration/auth_links (SEED-002, SEED-004;
 * RT:api/payments/recurring-payments/*\/create-authorization-transaction.md, "Using a Registration
 * Link"). One transaction makes (or finds) the customer, an authorisation order — validated
 * exactly like POST /v1/orders with method + customer_id + token — and the invoice (type link,
 * status issued) whose short_url is Tijori's own hosted page (GET /i/:id, hosted.ts).
 *
 * CHOSEN where the docs are silent: the customer is found by email and contact like
 * fail_existing "0"; `customer_id` may be sent instead of `customer`; the order captures
 * automatically (an invoice's payment is its settlement); the link's notes are the order token's
 * notes unless subscription_registration.notes is sent; invoice_number is the receipt.
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import type { Db } from '../../store/schema.js'
import { customerFields, customerWrites, findOrCreateCustomer, getCustomer } from '../customers/service.js'
import type { CustomerRow } from '../customers/store.js'
import { newRId } from '../customers/ids.js'
import { createOrder } from '../orders/service.js'
import type { TokenInput } from '../tokens/schema.js'
import { customerDetails, type AddressWire, type CustomerAddresses } from './entity.js'
import { scheduleIssued } from './lifecycle.js'
import type { RegistrationLinkCreate } from './schema.js'
import { invoiceStore, type InvoiceRow } from './store.js'
import { MAX_TS, timestampOutOfRange } from '../../shared/timestamps.js'

export const MIN_EXPIRY_S = 15 * 60

export function flag(v: unknown, field: string, fallback: boolean): boolean {
  if (v === undefined || v === null || v === '') return fallback
  if (v === true || v === 1 || v === '1' || v === 'true') return true
  if (v === false || v === 0 || v === '0' || v === 'false') return false
  throw badRequest(`The ${field} field must be true or false.`, { field })
}

export function checkExpireBy(expireBy: number | null | undefined, now: number): number | null {
  if (expireBy === undefined || expireBy === null) return null
  if (expireBy > MAX_TS) throw timestampOutOfRange('expire_by')
  if (expireBy < now + MIN_EXPIRY_S) throw badRequest('expire_by should be at least 15 minutes after current time.', { field: 'expire_by' })
  return expireBy
}

const ADDRESS_FIELDS = ['line1', 'line2', 'zipcode', 'city', 'state', 'country'] as const

/**
 * customer{billing_address, shipping_address}: kept on the invoice's customer_details, each with an
 * `addr_` id (RT:api/payments/invoices/create-with-details.md: line1, zipcode, city, state and
 * country mandatory, line2 optional; the Go sample sends the zipcode as a number).
 */
export function customerAddresses(customer: { billing_address?: unknown; shipping_address?: unknown } | undefined): CustomerAddresses {
  const one = (type: 'billing_address' | 'shipping_address'): AddressWire | null => {
    const raw = customer?.[type]
    if (raw === undefined || raw === null) return null
    const f = (k: string) => `customer[${type}][${k}]`
    if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest(`The customer[${type}] must be an array.`, { field: `customer[${type}]` })
    const a = raw as Record<string, unknown>
    const extra = Object.keys(a).filter((k) => !(ADDRESS_FIELDS as readonly string[]).includes(k))
    if (extra.length > 0) throw errors.extraFields(extra.map(f))
    const value = (k: (typeof ADDRESS_FIELDS)[number]): string | null => {
      const v = a[k]
      if (v === undefined || v === null || v === '') return null
      if (typeof v !== 'string' && typeof v !== 'number') throw badRequest(`The ${f(k)} must be a string.`, { field: f(k) })
      const t = String(v).trim()
      if (t.length > 255) throw badRequest(`The ${f(k)} may not be greater than 255 characters.`, { field: f(k) })
      return t === '' ? null : t
    }
    const need = (k: (typeof ADDRESS_FIELDS)[number]): string => {
      const v = value(k)
      if (v === null) throw errors.required(f(k))
      return v
    }
    return {
      id: newRId('address'),
      type,
      primary: true,
      line1: need('line1'),
      line2: value('line2'),
      zipcode: need('zipcode'),
      city: need('city'),
      state: need('state'),
      country: need('country'),
    }
  }
  return { billing_address: one('billing_address'), shipping_address: one('shipping_address') }
}

/** The invoice's customer: an existing one (customer_id), or found/created from customer{…}. */
export async function invoiceCustomer(
  tx: Db,
  merchantId: string,
  input: { customer_id?: string; customer?: { name?: unknown; email?: unknown; contact?: unknown; gstin?: unknown } },
  now: number,
  /** The customer{} fields the endpoint's docs mark mandatory. */
  required: readonly ('name' | 'email' | 'contact')[],
): Promise<CustomerRow | null> {
  if (input.customer_id !== undefined) return getCustomer(tx, merchantId, input.customer_id, 'customer_id')
  if (input.customer === undefined) return null
  for (const k of required) {
    const v = input.customer[k]
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw errors.required(`customer[${k}]`)
  }
  return findOrCreateCustomer(tx, merchantId, customerFields(input.customer), false, now)
}

export async function createRegistrationLink(deps: Deps, merchant: Merchant, input: RegistrationLinkCreate, origin: string): Promise<InvoiceRow> {
  if (input.type !== 'link') throw badRequest('The selected type is invalid.', { field: 'type' })
  if (input.description.trim() === '') throw errors.required('description')
  if (input.customer === undefined && input.customer_id === undefined) throw badRequest('customer is required.', { field: 'customer' })
  const now = deps.clock.now(merchant.id)
  const expireBy = checkExpireBy(input.expire_by, now)
  const notes = validateNotes(input.notes)
  const sms = flag(input.sms_notify, 'sms_notify', true)
  const email = flag(input.email_notify, 'email_notify', true)
  const { method, ...rest } = input.subscription_registration
  const token: TokenInput = { ...rest }
  if (token.notes === undefined && Object.keys(notes).length > 0) token.notes = notes
  return deps.store.write(async (tx) => {
    const customer = (await invoiceCustomer(tx, merchant.id, input, now, ['name', 'email', 'contact'])) as CustomerRow
    const addresses = customerAddresses(input.customer)
    const order = await createOrder(
      deps,
      merchant.id,
      { amount: input.amount, currency: input.currency, receipt: input.receipt ?? undefined, method, customer_id: customer.id, token, payment_capture: 1 },
      origin,
      tx,
    )
    const id = newRId('invoice')
    const row: InvoiceRow = {
      id,
      merchant_id: merchant.id,
      type: 'link',
      status: 'issued',
      customer_id: customer.id,
      customer_details: JSON.stringify(customerDetails(customer, addresses)),
      order_id: order.id,
      payment_id: null,
      receipt: input.receipt ?? null,
      invoice_number: input.receipt ?? null,
      description: input.description,
      terms: null,
      comment: null,
      notes: JSON.stringify(notes),
      line_items: '[]',
      currency: input.currency,
      amount: input.amount,
      gross_amount: input.amount,
      tax_amount: 0,
      taxable_amount: 0,
      amount_paid: 0,
      partial_payment: 0,
      first_payment_min_amount: null,
      expire_by: expireBy,
      date: now,
      issued_at: now,
      paid_at: null,
      cancelled_at: null,
      expired_at: null,
      sms_notify: sms ? 1 : 0,
      email_notify: email ? 1 : 0,
      sms_status: sms ? 'pending' : null,
      email_status: email ? 'pending' : null,
      short_url: `${origin}/i/${id}`,
      subscription_registration: order.token ?? null,
      created_at: now,
    }
    await invoiceStore.insert(tx, row)
    await scheduleIssued(tx, row, now)
    return row
  }, customerWrites(merchant.id))
}
