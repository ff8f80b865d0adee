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
import { customerFields, findOrCreateCustomer, getCustomer } from '../customers/service.js'
import type { CustomerRow } from '../customers/store.js'
import { newRId } from '../customers/ids.js'
import { createOrder } from '../orders/service.js'
import type { TokenInput } from '../tokens/schema.js'
import { customerDetails } from './entity.js'
import { scheduleIssued } from './lifecycle.js'
import type { RegistrationLinkCreate } from './schema.js'
import { invoiceStore, type InvoiceRow } from './store.js'

export const MIN_EXPIRY_S = 15 * 60

export function flag(v: unknown, field: string, fallback: boolean): boolean {
  if (v === undefined || v === null || v === '') return fallback
  if (v === true || v === 1 || v === '1' || v === 'true') return true
  if (v === false || v === 0 || v === '0' || v === 'false') return false
  throw badRequest(`The ${field} field must be true or false.`, { field })
}

export function checkExpireBy(expireBy: number | null | undefined, now: number): number | null {
  if (expireBy === undefined || expireBy === null) return null
  if (expireBy < now + MIN_EXPIRY_S) throw badRequest('expire_by should be at least 15 minutes after current time.', { field: 'expire_by' })
  return expireBy
}

/** The invoice's customer: an existing one (customer_id), or found/created from customer{…}. */
export async function invoiceCustomer(
  tx: Db,
  merchantId: string,
  input: { customer_id?: string; customer?: { name?: unknown; email?: unknown; contact?: unknown; gstin?: unknown } },
  now: number,
): Promise<CustomerRow | null> {
  if (input.customer_id !== undefined) return getCustomer(tx, merchantId, input.customer_id, 'customer_id')
  if (input.customer === undefined) return null
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
    const customer = (await invoiceCustomer(tx, merchant.id, input, now)) as CustomerRow
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
      customer_details: JSON.stringify(customerDetails(customer)),
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
  })
}
