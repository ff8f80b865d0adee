/**
 * Route linked accounts (POST/GET/PATCH/DELETE /v2/accounts, type "route";
 * RT:api/payments/route/create-linked-account.md, update-linked-accounts.md, fetch-with-id.md).
 *
 * Invariants:
 *  - A linked account belongs to exactly one parent merchant; every read is scoped to that parent.
 *  - It can receive transfers only after its 24-hour cooling period on the parent's clock
 *    (RT:payments/route/transfer-funds-to-linked-accounts.md), unless POST
 *    /_sandbox/accounts/:id/activate ends it early, and never once suspended (DELETE).
 *  - Email and business_type never change after creation (update-linked-accounts.md).
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest, errors, type ApiError } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import { isIdOf, newId } from '../../shared/ids.js'
import type { Db } from '../../store/schema.js'
import { BUSINESS_TYPES, SUBCATEGORIES } from './categories.js'
import type { AccountCreate, AccountEdit, AddressInput, ProfileInput } from './schema.js'
import { linkedAccountStore, type LinkedAccountRow, type LinkedAccountUpdate } from './store.js'

/** Linked accounts can take transfers 24 hours after they are created. */
export const COOLING_PERIOD_SECONDS = 24 * 3600

/** The documented failure body of fetch/update for an account that is not the caller's (no field). */
export function accountNotFound(): ApiError {
  return badRequest('Linked account does not exist', { source: '', step: '', reason: 'linked_account_id_does_not_exist' })
}

const invalid = (field: string, description: string) => badRequest(description, { field })

/** Laravel's wording: "The legal business name field is required." */
const label = (field: string) => field.replace(/_/g, ' ')

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null
  const t = String(v).trim()
  return t === '' ? null : t
}

function requireText(v: unknown, field: string): string {
  const t = text(v)
  if (t === null) throw invalid(field, `The ${label(field)} field is required.`)
  return t
}

function length(v: string, field: string, min: number, max: number): string {
  if (v.length < min) throw invalid(field, `The ${label(field)} must be at least ${min} characters.`)
  if (v.length > max) throw invalid(field, `The ${label(field)} may not be greater than ${max} characters.`)
  return v
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,68}\.[^\s@]+$/
const PHONE = /^\+?\d{8,15}$/
const REFERENCE = /^[A-Za-z0-9_-]+$/
const PAN = /^[a-zA-Z]{3}[CHFATBJGLchfatbjgl][a-zA-Z]\d{4}[a-zA-Z]$/
const GSTIN = /^[0123][0-9][a-z]{5}[0-9]{4}[a-z][0-9][a-z0-9][a-z0-9]$/i
/** "Please enter a valid name. Links, emails and HTML tags are not allowed." */
const NOT_A_NAME = /(https?:\/\/|www\.|@|<[^>]*>)/i

function businessName(v: unknown, field: string, min: number, max: number): string {
  const name = length(requireText(v, field), field, min, max)
  if (NOT_A_NAME.test(name)) throw invalid(field, 'Please enter a valid name. Links, emails and HTML tags are not allowed.')
  return name
}

function phone(v: unknown, field = 'phone'): string {
  const p = requireText(v, field)
  if (!PHONE.test(p)) throw invalid(field, `The ${label(field)} must be between 8 and 15 digits.`)
  return p
}

function referenceId(v: unknown): string | null {
  const r = text(v)
  if (r === null) return null
  // The documented texts name the field "code" (Route account codes).
  if (r.length < 3) throw invalid('reference_id', 'The code must be at least 3 characters.')
  if (r.length > 20) throw invalid('reference_id', 'The code may not be greater than 20 characters.')
  if (!REFERENCE.test(r)) throw invalid('reference_id', 'The code format is invalid.')
  return r
}

function address(a: AddressInput, prefix: string, required: boolean): Record<string, string | null> {
  const f = (k: string) => `${prefix}.${k}`
  const get = (k: keyof AddressInput) => (required && k !== 'street2' ? requireText(a[k], f(k)) : text(a[k]))
  const out = {
    street1: get('street1'),
    street2: get('street2'),
    city: get('city'),
    state: get('state'),
    postal_code: get('postal_code'),
    country: get('country'),
  }
  for (const k of ['street1', 'street2', 'city'] as const) if (out[k] !== null) length(out[k], f(k), 1, 100)
  if (out.state !== null) length(out.state, f('state'), 2, 32)
  if (out.country !== null) length(out.country, f('country'), 2, 64)
  if (out.postal_code !== null && !/^\d{6}$/.test(out.postal_code)) throw invalid(f('postal_code'), 'The postal code must be exactly 6 digits.')
  return out
}

function profile(p: ProfileInput | undefined, current: Record<string, unknown> | null): Record<string, unknown> {
  if (p === undefined) {
    if (current) return current
    throw invalid('profile', 'The profile field is required.')
  }
  const category = text(p.category) ?? (current?.category as string | undefined) ?? null
  if (category === null) throw invalid('profile.category', 'The profile.category field is required.')
  if (!Object.hasOwn(SUBCATEGORIES, category)) throw invalid('profile.category', `Invalid business category: ${category}`)
  const subcategory = text(p.subcategory) ?? (current?.subcategory as string | undefined) ?? null
  if (subcategory === null) throw invalid('profile.subcategory', 'The profile.subcategory field is required.')
  const allowed = SUBCATEGORIES[category]
  // "others" lists no sub-categories: any is accepted there.
  if (allowed.length > 0 && !allowed.includes(subcategory))
    throw invalid('profile.subcategory', `Invalid business subcategory: ${subcategory} for category: ${category}`)
  const model = p.business_model !== undefined ? text(p.business_model) : p.description !== undefined ? text(p.description) : ((current?.business_model as string | null | undefined) ?? null)
  if (model !== null) length(model, 'profile.business_model', 1, 255)
  const addresses: Record<string, unknown> = { ...((current?.addresses as Record<string, unknown> | undefined) ?? {}) }
  const given = p.addresses ?? {}
  if (given.registered) addresses.registered = address(given.registered, 'profile.addresses.registered', true)
  if (given.operation) addresses.operation = address(given.operation, 'profile.addresses.operation', false)
  if (addresses.registered === undefined) throw invalid('profile.addresses.registered', 'The profile.addresses.registered field is required.')
  return { category, subcategory, addresses, business_model: model }
}

function legalInfo(l: AccountCreate['legal_info']): string | null {
  if (l === undefined) return null
  const pan = text(l.pan)
  if (pan !== null && !PAN.test(pan)) throw invalid('legal_info.pan', 'The pan field is invalid.')
  const gst = text(l.gst)
  if (gst !== null && !GSTIN.test(gst)) throw invalid('legal_info.gst', 'The gst field is invalid.')
  const cin = text(l.cin)
  return JSON.stringify({ pan, gst, ...(cin !== null ? { cin } : {}) })
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v))

export async function createLinkedAccount(deps: Deps, merchant: Merchant, body: AccountCreate): Promise<LinkedAccountRow> {
  const type = requireText(body.type, 'type')
  if (type !== 'route') throw invalid('type', `Invalid type: ${type}`)
  const email = length(requireText(body.email, 'email'), 'email', 3, 132).toLowerCase()
  if (!EMAIL.test(email)) throw invalid('email', 'The email must be a valid email address.')
  const ph = phone(body.phone)
  const legalName = businessName(body.legal_business_name, 'legal_business_name', 4, 200)
  const facing = text(body.customer_facing_business_name) === null ? legalName : businessName(body.customer_facing_business_name, 'customer_facing_business_name', 1, 255)
  const businessType = requireText(body.business_type, 'business_type')
  if (!(BUSINESS_TYPES as readonly string[]).includes(businessType)) throw invalid('business_type', `Invalid business type: ${businessType}`)
  const ref = referenceId(body.reference_id)
  const contactName = length(requireText(body.contact_name, 'contact_name'), 'contact_name', 4, 255)
  const prof = profile(body.profile, null)
  const legal = legalInfo(body.legal_info)
  const notes = validateNotes(body.notes)
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const taken = await linkedAccountStore.findByMerchantIdAndEmail(tx, merchant.id, email)
    // The documented text names the existing account without its acc_ prefix.
    if (taken) throw invalid('email', `Merchant email already exists for account - ${taken.id.replace(/^acc_/, '')}`)
    const row: LinkedAccountRow = {
      id: newId('merchant'),
      merchant_id: merchant.id,
      type: 'route',
      status: 'created',
      email,
      phone: ph,
      legal_business_name: legalName,
      customer_facing_business_name: facing,
      business_type: businessType,
      reference_id: ref,
      contact_name: contactName,
      profile: JSON.stringify(prof),
      legal_info: legal,
      contact_info: json(body.contact_info),
      apps: json(body.apps),
      brand: json(body.brand),
      notes: JSON.stringify(notes),
      transfers_from: now + COOLING_PERIOD_SECONDS,
      created_at: now,
      updated_at: now,
      suspended_at: null,
    }
    await linkedAccountStore.insert(tx, row)
    return row
    // The email check is check-then-insert: one create at a time per merchant (PostgreSQL runs them concurrently).
  }, { serializeOn: `linked_accounts:${merchant.id}` })
}

/** The caller's linked account, or the documented "does not exist" (also for other merchants' ids). */
export async function getLinkedAccount(db: Db, merchantId: string, id: string): Promise<LinkedAccountRow> {
  if (!isIdOf('merchant', id)) throw accountNotFound()
  const row = await linkedAccountStore.findByMerchantIdAndId(db, merchantId, id)
  if (!row) throw accountNotFound()
  return row
}

/** PATCH: every field but email, business_type and type; nested objects merge into what is stored. */
export async function editLinkedAccount(deps: Deps, merchant: Merchant, id: string, body: AccountEdit): Promise<LinkedAccountRow> {
  const fixed = (['email', 'business_type', 'type'] as const).filter((k) => body[k] !== undefined)
  if (fixed.length > 0) throw errors.extraFields([...fixed])
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const a = await getLinkedAccount(tx, merchant.id, id)
    const changes: LinkedAccountUpdate = {}
    if (body.phone !== undefined) changes.phone = phone(body.phone)
    if (body.legal_business_name !== undefined) changes.legal_business_name = businessName(body.legal_business_name, 'legal_business_name', 4, 200)
    if (body.customer_facing_business_name !== undefined)
      changes.customer_facing_business_name = businessName(body.customer_facing_business_name, 'customer_facing_business_name', 1, 255)
    else if (changes.legal_business_name !== undefined && a.customer_facing_business_name === a.legal_business_name)
      // The billing label defaults to the legal name and follows it (update sample: both become "Acme Corp V2").
      changes.customer_facing_business_name = changes.legal_business_name
    if (body.reference_id !== undefined) changes.reference_id = referenceId(body.reference_id)
    if (body.contact_name !== undefined) changes.contact_name = length(requireText(body.contact_name, 'contact_name'), 'contact_name', 4, 255)
    if (body.profile !== undefined) changes.profile = JSON.stringify(profile(body.profile, JSON.parse(a.profile) as Record<string, unknown>))
    if (body.legal_info !== undefined) {
      const old = (a.legal_info ? JSON.parse(a.legal_info) : {}) as Record<string, unknown>
      changes.legal_info = legalInfo({ ...old, ...body.legal_info } as AccountCreate['legal_info'])
    }
    if (body.contact_info !== undefined) {
      const old = (a.contact_info ? JSON.parse(a.contact_info) : {}) as Record<string, unknown>
      changes.contact_info = JSON.stringify({ ...old, ...body.contact_info })
    }
    if (body.apps !== undefined) changes.apps = JSON.stringify({ ...(a.apps ? (JSON.parse(a.apps) as object) : {}), ...body.apps })
    if (body.brand !== undefined) changes.brand = JSON.stringify(body.brand)
    if (body.notes !== undefined) changes.notes = JSON.stringify(validateNotes(body.notes))
    if (Object.keys(changes).length > 0) await linkedAccountStore.update(tx, a.id, changes, now)
    return { ...a, ...changes, updated_at: Object.keys(changes).length > 0 ? now : a.updated_at }
  })
}

/** DELETE suspends the account (the documented response is the account with status "suspended"). */
export async function suspendLinkedAccount(deps: Deps, merchant: Merchant, id: string): Promise<LinkedAccountRow> {
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const a = await getLinkedAccount(tx, merchant.id, id)
    if (a.status === 'suspended') return a
    await linkedAccountStore.suspend(tx, a.id, now)
    return { ...a, status: 'suspended', suspended_at: now, updated_at: now }
  })
}

/** POST /_sandbox/accounts/:id/activate: ends the cooling period now. */
export async function activateLinkedAccount(deps: Deps, merchant: Merchant, id: string): Promise<LinkedAccountRow> {
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const a = await getLinkedAccount(tx, merchant.id, id)
    if (a.status === 'suspended') throw invalid('id', 'The linked account is suspended; a suspended account cannot be activated.')
    await linkedAccountStore.activate(tx, a.id, now)
    return { ...a, transfers_from: Math.min(a.transfers_from, now) }
  })
}

/**
 * The linked account a transfer may go to now: the parent's own, not suspended, past its cooling
 * period. `field` names the request field in errors (`account`, `transfers.0.account`).
 */
export async function requireTransferable(tx: Db, merchantId: string, id: unknown, now: number, field: string): Promise<LinkedAccountRow> {
  const account = text(id)
  if (account === null) throw invalid(field, `The ${field} field is required.`)
  if (!isIdOf('merchant', account)) throw errors.invalidId(account, field)
  const a = await linkedAccountStore.findByMerchantIdAndId(tx, merchantId, account)
  if (!a) throw errors.notFound(field)
  if (a.status === 'suspended') throw invalid(field, `The linked account ${a.id} is suspended and cannot receive transfers.`)
  if (now < a.transfers_from)
    throw invalid(
      field,
      `The linked account ${a.id} is in its 24-hour cooling period and can receive transfers from ${a.transfers_from} (unix time). ` +
        'In the sandbox, POST /_sandbox/accounts/:id/activate ends the cooling period.',
    )
  return a
}
