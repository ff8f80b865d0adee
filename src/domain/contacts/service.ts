/**
 * RazorpayX contacts (RT:api/x/contacts/*.md): the people and businesses payouts go to.
 *
 * Dedupe: a create whose name, email, contact, type and reference_id ALL equal an existing
 * contact's returns that contact unchanged (notes are not compared); any difference creates a new
 * one. Contacts are never deleted, only deactivated (`active: false`), which blocks payouts to them.
 */
import type { Deps } from '../../http/context.js'
import { validateNotes } from '../../http/notes.js'
import { parsePage } from '../../http/pagination.js'
import type { Db } from '../../store/schema.js'
import { xErrors, xInvalid, xRequired } from '../banking/errors.js'
import { isXIdOf, newXId } from '../banking/ids.js'
import type { ContactCreate, ContactQuery, ContactUpdate } from './schema.js'
import { contactStore, type ContactFilter, type ContactIdentity, type ContactRow } from './store.js'
import { isEmail } from '../../shared/email.js'

/** The default contact types; others are created on the Dashboard, which Tijori does not have. */
export const CONTACT_TYPES = ['vendor', 'customer', 'employee', 'self'] as const

/** Letters, digits, space and ’ - _ / ( ) . ; may not end with a special character other than '.'. */
const NAME_CHARS = /^[a-zA-Z0-9 ’'\-_/().]+$/
const NAME_END = /[a-zA-Z0-9.]$/

/** Contact and account-holder names (RT:api/x/contacts/create.md; fund-accounts/create/bank-account.md). */
export function validateHolderName(v: unknown, field: string, min: number, max: number): string {
  if (typeof v !== 'string' || v.trim() === '') throw xRequired(field)
  const name = v.trim()
  if (name.length < min) throw xInvalid(`The ${field} must be at least ${min} characters.`, field)
  if (name.length > max) throw xInvalid(`The ${field} may not be greater than ${max} characters.`, field)
  if (!NAME_CHARS.test(name) || !NAME_END.test(name)) throw xInvalid(`The ${field} field is invalid.`, field)
  return name
}

const PHONE = /^\+?[0-9]{8,15}$/

function optionalText(v: string | null | undefined): string | null {
  if (v === undefined || v === null) return null
  const t = v.trim()
  return t === '' ? null : t
}

function checkEmail(v: string | null): string | null {
  if (v !== null && (v.length > 255 || !isEmail(v))) throw xInvalid('The email must be a valid email address.', 'email')
  return v
}

function checkPhone(v: string | null): string | null {
  if (v !== null && !PHONE.test(v)) throw xInvalid('The contact format is invalid.', 'contact')
  return v
}

function checkType(v: string | null): string | null {
  if (v !== null && !(CONTACT_TYPES as readonly string[]).includes(v)) throw xInvalid(`Invalid type: ${v}`, 'type')
  return v
}

function checkReference(v: string | null): string | null {
  if (v !== null && v.length > 40) throw xInvalid('The reference id may not be greater than 40 characters.', 'reference_id')
  return v
}

export function validateContactInput(body: ContactCreate): ContactIdentity & { notes: string } {
  return {
    name: validateHolderName(body.name, 'name', 3, 50),
    email: checkEmail(optionalText(body.email)),
    contact: checkPhone(optionalText(body.contact)),
    type: checkType(optionalText(body.type)),
    reference_id: checkReference(optionalText(body.reference_id)),
    notes: JSON.stringify(validateNotes(body.notes)),
  }
}

/** Creates a contact in `tx`, or returns the existing one with the same identity fields. */
export async function createContactInTx(tx: Db, merchantId: string, body: ContactCreate, now: number): Promise<ContactRow> {
  const input = validateContactInput(body)
  const existing = await contactStore.findByMerchantIdAndIdentity(tx, merchantId, input)
  if (existing) return existing
  const row: ContactRow = { id: newXId('contact'), merchant_id: merchantId, ...input, batch_id: null, active: 1, created_at: now }
  await contactStore.insert(tx, row)
  return row
}

export async function createContact(deps: Deps, merchantId: string, body: ContactCreate): Promise<ContactRow> {
  const now = deps.clock.now(merchantId)
  validateContactInput(body) // fail before queueing a write
  // Dedupe is check-then-insert: one create at a time per merchant (PostgreSQL runs them concurrently).
  return deps.store.write((tx) => createContactInTx(tx, merchantId, body, now), { serializeOn: `contacts:${merchantId}` })
}

export async function getContact(db: Db, merchantId: string, id: string, field = 'id'): Promise<ContactRow> {
  if (!isXIdOf('contact', id)) throw xErrors.invalidId(id, field)
  const c = await contactStore.findByMerchantIdAndId(db, merchantId, id)
  if (!c) throw xErrors.notFound(field)
  return c
}

export async function updateContact(deps: Deps, merchantId: string, id: string, body: ContactUpdate): Promise<ContactRow> {
  const fields: Partial<ContactIdentity> & { notes?: string } = {}
  if (body.name !== undefined) fields.name = validateHolderName(body.name, 'name', 3, 50)
  if (body.email !== undefined) fields.email = checkEmail(optionalText(body.email))
  if (body.contact !== undefined) fields.contact = checkPhone(optionalText(body.contact))
  if (body.type !== undefined) fields.type = checkType(optionalText(body.type))
  if (body.reference_id !== undefined) fields.reference_id = checkReference(optionalText(body.reference_id))
  if (body.notes !== undefined) fields.notes = JSON.stringify(validateNotes(body.notes))
  return deps.store.write(async (tx) => {
    const c = await getContact(tx, merchantId, id)
    let next: ContactRow = c
    if (Object.keys(fields).length > 0) {
      await contactStore.update(tx, c.id, { kind: 'details', fields })
      next = { ...next, ...fields }
    }
    if (body.active !== undefined) {
      await contactStore.update(tx, c.id, { kind: 'active', active: body.active })
      next = { ...next, active: body.active ? 1 : 0 }
    }
    return next
  })
}

/** `active` filters accept 1/0 and true/false. */
export function parseActiveFilter(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined
  if (v === '1' || v === 'true') return 1
  if (v === '0' || v === 'false') return 0
  throw xInvalid('The active field must be true or false.', 'active')
}

export async function listContacts(deps: Deps, merchantId: string, q: ContactQuery): Promise<ContactRow[]> {
  const page = parsePage(q)
  const f: ContactFilter = { active: parseActiveFilter(q.active) }
  for (const k of ['name', 'email', 'contact', 'reference_id', 'type'] as const) if (q[k] !== undefined && q[k] !== '') f[k] = q[k]
  return contactStore.list(deps.store.db, merchantId, page, f)
}
