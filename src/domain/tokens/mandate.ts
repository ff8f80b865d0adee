/**
 * Authorisation orders: an order with `method` (card | emandate | upi | nach), `customer_id` and a
 * `token` block (behaviors.md §9; RT:api/payments/recurring-payments/*\/create-authorization-
 * transaction.md). This module validates the block and builds the `token` object the order shows;
 * the orders service stores it (orders.token) and the payments service reads it back when the
 * authorisation payment is made.
 *
 * Rules per method (docs, then CHOSEN where they are silent or disagree):
 *  - currency INR ("The currency should be INR when method is nach", generalised);
 *  - amount: e-mandate and NACH 0 (or token.first_payment_amount when set); card and UPI ≥ ₹1;
 *  - max_amount: card 100–100000000 (required); UPI 100–20000000 (required; the higher MCC cap, MCCs
 *    are not modelled); e-mandate and NACH 500–1000000000, default 1000000000 (₹1 crore, the e-mandate
 *    FAQ's default — behaviors.md's CONFLICT resolved towards the newest, most specific page);
 *    below the minimum: "The minimum transaction amount allowed is Re. 5." (documented), Re. 1 for card/UPI;
 *  - expire_at: in the future and at most 4102444799 (the docs' own samples use that value, past the
 *    "40 years" another line allows); default: card → the card's expiry (set when the token is made),
 *    e-mandate 40 years, UPI 10 years, NACH 10 years;
 *  - frequency: card weekly|monthly|yearly|as_presented; others the UPI list; default as_presented
 *    (seed 002's registration link sends none);
 *  - auth_type: e-mandate netbanking|debitcard|aadhaar (or chosen at payment); NACH physical (default);
 *    not sent for card and UPI;
 *  - bank_account: e-mandate optional, NACH required (account_number, ifsc_code, beneficiary_name);
 *    IFSCs must be real branches ("Invalid IFSC Code"); beneficiary_name 4–120 characters;
 *  - recurring_type/recurring_value: UPI only; nach{…}: NACH only.
 */
import { badRequest, errors } from '../../http/errors.js'
import { validateNotes, type Notes } from '../../http/notes.js'
import type { Db } from '../../store/schema.js'
import { checkAccountNumber, checkIfsc } from '../customers/bank-accounts.js'
import { getCustomer } from '../customers/service.js'
import { bankNameOf } from '../fund-accounts/ifsc.js'
import type { MandateBankAccount, TokenInput } from './schema.js'

export const RECURRING_METHODS = ['card', 'emandate', 'upi', 'nach'] as const
export type RecurringMethod = (typeof RECURRING_METHODS)[number]

export const EMANDATE_AUTH_TYPES = ['netbanking', 'debitcard', 'aadhaar'] as const
const CARD_FREQUENCIES = ['weekly', 'monthly', 'yearly', 'as_presented']
const FREQUENCIES = ['daily', 'weekly', 'fortnightly', 'bimonthly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'as_presented']
const ACCOUNT_TYPES: Record<string, string[]> = {
  emandate: ['savings', 'current'],
  nach: ['savings', 'current', 'cc', 'nre', 'nro'],
}

/** 2099-12-31 23:59:59 IST: the latest expire_at the docs' samples use. */
export const MAX_EXPIRE_AT = 4102444799
const YEAR_S = 365 * 86400

export interface MandateBankAccountWire {
  ifsc: string
  bank_name: string | null
  name: string | null
  account_number: string
  account_type: string
  beneficiary_email: string | null
  beneficiary_mobile: string | null
}

/** The `token` object of an authorisation order, as the order shows it (emandate order samples). */
export interface OrderTokenWire {
  method: RecurringMethod
  notes: Notes | never[]
  recurring_status: null
  failure_reason: null
  currency: string
  max_amount: number
  auth_type: string | null
  expire_at: number | null
  frequency: string
  recurring_type?: string
  recurring_value?: number
  bank_account?: MandateBankAccountWire
  nach?: { create_form: boolean; form_reference1: string | null; form_reference2: string | null; prefilled_form: string; upload_form_url: string; description: string | null }
  first_payment_amount: number
}

export interface MandateFields {
  method: RecurringMethod | null
  customerId: string
  token: OrderTokenWire | null
  /** The order may be for 0 (e-mandate and NACH authorisations). */
  zeroAmount: boolean
}

const tokenField = (f: string) => `token[${f}]`
const invalid = (field: string, description: string) => badRequest(description, { field })

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null
  const t = String(v).trim()
  return t === '' ? null : t
}

function forbid(token: TokenInput, fields: (keyof TokenInput)[]): void {
  const sent = fields.filter((f) => token[f] !== undefined)
  if (sent.length > 0) throw errors.extraFields(sent.map(tokenField))
}

function maxAmount(method: RecurringMethod, v: number | undefined): number {
  const [min, max, fallback] =
    method === 'card' ? [100, 100_000_000, null] : method === 'upi' ? [100, 20_000_000, null] : [500, 1_000_000_000, 1_000_000_000]
  if (v === undefined) {
    if (fallback === null) throw errors.required(tokenField('max_amount'))
    return fallback
  }
  if (v < min) throw invalid(tokenField('max_amount'), `The minimum transaction amount allowed is Re. ${min / 100}.`)
  if (v > max) throw invalid(tokenField('max_amount'), `The ${tokenField('max_amount')} may not be greater than ${max}.`)
  return v
}

function expireAt(method: RecurringMethod, v: number | undefined, now: number): number | null {
  if (v === undefined) {
    if (method === 'card') return null // the card's expiry, once the card is known
    return Math.min(now + (method === 'emandate' ? 40 : 10) * YEAR_S, MAX_EXPIRE_AT)
  }
  if (v <= now) throw invalid(tokenField('expire_at'), `The ${tokenField('expire_at')} must be a timestamp in the future.`)
  if (v > MAX_EXPIRE_AT) throw invalid(tokenField('expire_at'), `The ${tokenField('expire_at')} may not be greater than ${MAX_EXPIRE_AT}.`)
  return v
}

/** A mandate's bank account; `prefix` names its fields in errors (token[bank_account], bank_account). */
export function mandateBankAccount(method: RecurringMethod, b: MandateBankAccount | undefined, prefix = 'token[bank_account]'): MandateBankAccountWire | undefined {
  if (b === undefined) {
    if (method === 'nach') throw errors.required(prefix)
    return undefined
  }
  const f = (k: string) => `${prefix}[${k}]`
  const ifsc = checkIfsc(b.ifsc_code ?? b.ifsc, f('ifsc_code'))
  const number = checkAccountNumber(b.account_number, f('account_number'))
  const name = text(b.beneficiary_name ?? b.name)
  if (name === null && method === 'nach') throw errors.required(f('beneficiary_name'))
  if (name !== null && (name.length < 4 || name.length > 120))
    throw invalid(f('beneficiary_name'), `The ${f('beneficiary_name')} must be between 4 and 120 characters.`)
  const type = text(b.account_type)?.toLowerCase() ?? 'savings'
  if (!(ACCOUNT_TYPES[method] ?? ACCOUNT_TYPES.emandate).includes(type)) throw invalid(f('account_type'), `The selected ${f('account_type')} is invalid.`)
  return { ifsc, bank_name: bankNameOf(ifsc), name, account_number: number, account_type: type, beneficiary_email: null, beneficiary_mobile: null }
}

function checkToken(method: RecurringMethod, t: TokenInput, amount: number, now: number): OrderTokenWire {
  if (method === 'card' || method === 'upi') forbid(t, ['auth_type', 'bank_account', 'nach', 'first_payment_amount'])
  if (method !== 'upi') forbid(t, ['recurring_type', 'recurring_value'])
  if (method !== 'nach') forbid(t, ['nach'])
  if (t.currency !== undefined && t.currency !== 'INR') throw invalid(tokenField('currency'), `The currency should be INR when method is ${method}`)

  const first = t.first_payment_amount ?? 0
  if (method === 'emandate' || method === 'nach') {
    if (first < 0 || (first > 0 && first < 100)) throw invalid(tokenField('first_payment_amount'), 'The first payment amount must be at least INR 1.00')
    if (first > 0 ? amount !== first : amount !== 0)
      throw invalid('amount', first > 0 ? 'The amount must be equal to token[first_payment_amount].' : 'The amount should be 0.')
  }

  let authType: string | null = null
  if (method === 'emandate' && t.auth_type !== undefined) {
    if (!(EMANDATE_AUTH_TYPES as readonly string[]).includes(t.auth_type)) throw invalid(tokenField('auth_type'), `The selected ${tokenField('auth_type')} is invalid.`)
    authType = t.auth_type
  }
  if (method === 'nach') {
    if (t.auth_type !== undefined && t.auth_type !== 'physical') throw invalid(tokenField('auth_type'), `The selected ${tokenField('auth_type')} is invalid.`)
    authType = 'physical'
  }

  const frequency = t.frequency ?? 'as_presented'
  if (!(method === 'card' ? CARD_FREQUENCIES : FREQUENCIES).includes(frequency))
    throw badRequest(`The selected ${tokenField('frequency')} is invalid.`, { field: tokenField('frequency'), reason: 'selected_frequency_invalid' })

  const wire: OrderTokenWire = {
    method,
    notes: [],
    recurring_status: null,
    failure_reason: null,
    currency: 'INR',
    max_amount: maxAmount(method, t.max_amount),
    auth_type: authType,
    expire_at: expireAt(method, t.expire_at, now),
    frequency,
    first_payment_amount: first,
  }
  const notes = validateNotes(t.notes, tokenField('notes'))
  if (Object.keys(notes).length > 0) wire.notes = notes
  if (method === 'upi') {
    if (t.recurring_type !== undefined) {
      if (!['on', 'before', 'after'].includes(t.recurring_type)) throw invalid(tokenField('recurring_type'), `The selected ${tokenField('recurring_type')} is invalid.`)
      wire.recurring_type = t.recurring_type
    }
    if (t.recurring_value !== undefined) {
      const top = frequency === 'weekly' ? 7 : 31
      if (frequency === 'as_presented' || frequency === 'daily' || t.recurring_value < 1 || t.recurring_value > top)
        throw invalid(tokenField('recurring_value'), `The ${tokenField('recurring_value')} must be between 1 and ${top} for ${frequency} debits.`)
      wire.recurring_value = t.recurring_value
    }
  }
  const account = mandateBankAccount(method, t.bank_account)
  if (account) wire.bank_account = account
  return wire
}

/**
 * The recurring fields of an order create: null for an ordinary order. `method` or `token` make
 * it an authorisation order, which needs `customer_id`; `customer_id` alone just records the
 * customer. Pure: the customer's existence is checked by finishOrderToken.
 */
export function recurringOrderFields(
  input: { amount: number; currency: string; method?: string; customer_id?: string; token?: TokenInput },
  now: number,
): MandateFields | null {
  const { method, customer_id: customerId, token } = input
  if (method === undefined && customerId === undefined && token === undefined) return null
  if (method === undefined && token !== undefined) throw errors.required('method')
  if (customerId === undefined || customerId === '') throw errors.required('customer_id')
  if (method === undefined) return { method: null, customerId, token: null, zeroAmount: false }
  if (!(RECURRING_METHODS as readonly string[]).includes(method)) throw invalid('method', 'The selected method is invalid.')
  const m = method as RecurringMethod
  if (input.currency !== 'INR') throw invalid('currency', `The currency should be INR when method is ${m}`)
  if (token === undefined && (m === 'card' || m === 'upi' || m === 'nach')) throw errors.required('token')
  const wire = checkToken(m, token ?? {}, input.amount, now)
  return { method: m, customerId, token: wire, zeroAmount: (m === 'emandate' || m === 'nach') && wire.first_payment_amount === 0 }
}

/**
 * Inside the order's transaction: checks the customer and completes the token block with what
 * needs it (the customer's email and phone on the bank account; NACH's form references and form
 * links, served by Tijori). Returns the JSON stored in orders.token, or null.
 */
export async function finishOrderToken(
  tx: Db,
  merchantId: string,
  f: MandateFields,
  orderId: string,
  origin: string | undefined,
  nach?: TokenInput['nach'],
): Promise<string | null> {
  const customer = await getCustomer(tx, merchantId, f.customerId, 'customer_id')
  if (!f.token) return null
  const token: OrderTokenWire = { ...f.token }
  if (token.bank_account) token.bank_account = { ...token.bank_account, beneficiary_email: customer.email, beneficiary_mobile: customer.contact }
  if (f.method === 'nach') {
    const form = `${origin ?? ''}/v1/nach/${orderId}/form`
    token.nach = {
      create_form: true,
      form_reference1: text(nach?.form_reference1),
      form_reference2: text(nach?.form_reference2),
      prefilled_form: form,
      upload_form_url: form,
      description: text(nach?.description),
    }
  }
  return JSON.stringify(token)
}

export function orderToken(o: { token?: string | null }): OrderTokenWire | null {
  return o.token ? (JSON.parse(o.token) as OrderTokenWire) : null
}
