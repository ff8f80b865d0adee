/**
 * Customers (RT:api/customers/*.md): create, edit (PUT), fetch, list.
 *
 * "The same details" (fail_existing): a customer is the same when its email AND contact equal the
 * new one's (Razorpay keeps the email–contact pair unique per merchant, OBSERVED in
 * razorpay/razorpay-php#43; name and notes are not compared). With fail_existing "1" (the default)
 * a duplicate is refused with "Customer already exists for the merchant" (razorpay-php#354); with
 * "0" the existing customer is returned unchanged. A customer with neither email nor contact is
 * never a duplicate (CHOSEN). Editing into another customer's email–contact pair is refused the
 * same way.
 */
import type { Deps } from '../../http/context.js'
import { badRequest, errors, type ApiError } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import type { Page } from '../../http/pagination.js'
import { isIdOf, newId } from '../../shared/ids.js'
import type { Db } from '../../store/schema.js'
import type { CustomerCreate, CustomerEdit } from './schema.js'
import { customerStore, type CustomerChanges, type CustomerRow } from './store.js'
import { isEmail } from '../../shared/email.js'

/** Letters, digits, spaces and the documented . ' / @ ( ) (plus - and &, common in names). */
const NAME = /^[\p{L}\p{M}0-9 .'’/@()\-&]+$/u
const GSTIN = /^[0-9A-Za-z]{15}$/

const invalid = (field: string, description: string): ApiError => badRequest(description, { field })

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null
  const t = String(v).trim()
  return t === '' ? null : t
}

export function checkName(v: unknown, field = 'name'): string | null {
  const name = text(v)
  if (name === null) return null
  if (name.length < 3) throw invalid(field, `The ${field} must be at least 3 characters.`)
  if (name.length > 50) throw invalid(field, `The ${field} may not be greater than 50 characters.`)
  if (!NAME.test(name)) throw invalid(field, `The ${field} format is invalid.`)
  return name
}

export function checkEmail(v: unknown, field = 'email'): string | null {
  const email = text(v)
  if (email === null) return null
  if (email.length > 64) throw invalid(field, `The ${field} may not be greater than 64 characters.`)
  if (!isEmail(email)) throw invalid(field, `The ${field} must be a valid email address.`)
  return email
}

/** At least 8 digits including the country code (RT:api/customers/create.md, failure sample), at most 15 characters. */
export function checkContact(v: unknown, field = 'contact'): string | null {
  const contact = text(v)
  if (contact === null) return null
  if (!/^\+?[0-9 -]+$/.test(contact)) throw invalid(field, `The ${field} format is invalid.`)
  if (contact.replace(/\D/g, '').length < 8)
    throw badRequest('Contact number should be at least 8 digits, including country code', {
      field,
      step: 'NA',
      reason: 'invalid_contact_number',
    })
  if (contact.length > 15) throw invalid(field, `The ${field} may not be greater than 15 characters.`)
  return contact
}

function checkGstin(v: unknown): string | null {
  const gstin = text(v)
  if (gstin !== null && !GSTIN.test(gstin)) throw invalid('gstin', 'The gstin format is invalid.')
  return gstin
}

/** fail_existing: "1" (default) fails on a duplicate, "0" returns it. Booleans and numbers are accepted too. */
function failExisting(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true
  if (v === true || v === 1 || v === '1' || v === 'true') return true
  if (v === false || v === 0 || v === '0' || v === 'false') return false
  throw invalid('fail_existing', 'The selected fail existing is invalid.')
}

const alreadyExists = () => badRequest('Customer already exists for the merchant')

export interface CustomerFields {
  name: string | null
  email: string | null
  contact: string | null
  gstin: string | null
  notes: string
}

/** Validated, normalised fields of a create request. */
export function customerFields(input: { name?: unknown; email?: unknown; contact?: unknown; gstin?: unknown; notes?: unknown }): CustomerFields {
  return {
    name: checkName(input.name),
    email: checkEmail(input.email),
    contact: checkContact(input.contact),
    gstin: checkGstin(input.gstin),
    notes: JSON.stringify(validateNotes(input.notes)),
  }
}

/**
 * Inside the caller's transaction: the existing customer with these details, or a new one.
 * `failIfExists` answers a duplicate with the documented error instead.
 */
/**
 * The write options of anything that may find-or-create a customer (customers, invoices,
 * registration links): one at a time per merchant, so that on PostgreSQL two concurrent creates of
 * the same customer cannot both miss the other (there is no unique index on email + contact:
 * either may be null, and Razorpay matches on the pair).
 */
export const customerWrites = (merchantId: string) => ({ serializeOn: `customers:${merchantId}` })

export async function findOrCreateCustomer(tx: Db, merchantId: string, f: CustomerFields, failIfExists: boolean, now: number): Promise<CustomerRow> {
  if (f.email !== null || f.contact !== null) {
    const existing = await customerStore.findByIdentity(tx, merchantId, f.email, f.contact)
    if (existing) {
      if (failIfExists) throw alreadyExists()
      return existing
    }
  }
  const row: CustomerRow = { id: newId('customer'), merchant_id: merchantId, ...f, created_at: now }
  await customerStore.insert(tx, row)
  return row
}

export async function createCustomer(deps: Deps, merchantId: string, input: CustomerCreate): Promise<CustomerRow> {
  const fields = customerFields(input)
  const fail = failExisting(input.fail_existing)
  const now = deps.clock.now(merchantId)
  return deps.store.write((tx) => findOrCreateCustomer(tx, merchantId, fields, fail, now), customerWrites(merchantId))
}

/** Loads a merchant's customer or answers Razorpay's "does not exist" (also for other merchants' ids). */
export async function getCustomer(db: Db, merchantId: string, id: string, field = 'id'): Promise<CustomerRow> {
  if (!isIdOf('customer', id)) throw errors.invalidId(id, field)
  const row = await customerStore.findByMerchantIdAndId(db, merchantId, id)
  if (!row) throw errors.notFound(field)
  return row
}

/** For fund accounts' registerCustomerLookup: does this customer exist for this merchant? */
export async function customerExists(db: Db, merchantId: string, id: string): Promise<boolean> {
  return (await customerStore.findByMerchantIdAndId(db, merchantId, id)) !== undefined
}

/** PUT: the fields sent replace the stored ones (notes too); fields not sent stay. */
export async function editCustomer(deps: Deps, merchantId: string, id: string, input: CustomerEdit): Promise<CustomerRow> {
  const changes: CustomerChanges = {}
  if (input.name !== undefined) changes.name = checkName(input.name)
  if (input.email !== undefined) changes.email = checkEmail(input.email)
  if (input.contact !== undefined) changes.contact = checkContact(input.contact)
  if (input.gstin !== undefined) changes.gstin = checkGstin(input.gstin)
  if (input.notes !== undefined) changes.notes = JSON.stringify(validateNotes(input.notes))
  return deps.store.write(async (tx) => {
    const c = await getCustomer(tx, merchantId, id)
    const next = { ...c, ...changes }
    if ((next.email !== c.email || next.contact !== c.contact) && (next.email !== null || next.contact !== null)) {
      const other = await customerStore.findByIdentity(tx, merchantId, next.email, next.contact)
      if (other && other.id !== c.id) throw alreadyExists()
    }
    if (Object.keys(changes).length > 0) await customerStore.update(tx, c.id, changes)
    return next
  }, customerWrites(merchantId))
}

export function listCustomers(deps: Deps, merchantId: string, page: Page): Promise<CustomerRow[]> {
  return customerStore.list(deps.store.db, merchantId, page)
}
