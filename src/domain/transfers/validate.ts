/**
 * The fields of one transfer, as the three transfer APIs take them (direct: the body itself; from
 * payments and orders: each `transfers[i]`). Messages are Razorpay's documented texts, naming the
 * field the way its API does: `The transfers.0.amount must be at least 100.`
 * (RT:api/payments/route/create-transfers-orders.md, create-transfers-payments.md, direct-transfers.md).
 * Form bodies carry strings, so amounts may be digit strings and booleans "1"/"0"/"true"/"false".
 */
import { badRequest, errors } from '../../http/errors.js'
import { validateNotes, type Notes } from '../../http/notes.js'
import { checkTimestamp } from '../../shared/timestamps.js'

export interface TransferSpec {
  account: unknown
  amount: number
  currency: string
  notes: Notes
  linkedAccountNotes: string[]
  onHold: boolean
  onHoldUntil: number | null
}

const FIELDS = ['account', 'amount', 'currency', 'notes', 'linked_account_notes', 'on_hold', 'on_hold_until']
export const MIN_TRANSFER_AMOUNT = 100

const absent = (v: unknown) => v === undefined || v === null || v === ''

function integer(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim())
  return null
}

export function parseBool(v: unknown, field: string): boolean {
  if (v === true || v === 1 || v === '1' || v === 'true') return true
  if (v === false || v === 0 || v === '0' || v === 'false' || absent(v)) return false
  throw badRequest(`The ${field} field must be true or false.`, { field })
}

/** on_hold_until: unix seconds in Razorpay's timestamp range (documented text). */
export function parseHoldUntil(v: unknown, field: string): number | null {
  if (absent(v)) return null
  const n = integer(v)
  if (n === null) throw badRequest(`The ${field} must be an integer.`, { field })
  checkTimestamp(n, field, 'on_hold_until')
  return n
}

/** One transfer's fields; `prefix` is '' for a direct transfer, `transfers.0` inside an array. */
export function parseTransferSpec(raw: unknown, prefix: string): TransferSpec {
  const name = (f: string) => (prefix === '' ? f : `${prefix}.${f}`)
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest(`The ${prefix || 'request'} must be an array.`, { field: prefix || undefined })
  const t = raw as Record<string, unknown>
  const extra = Object.keys(t).filter((k) => !FIELDS.includes(k))
  if (extra.length > 0) throw errors.extraFields(extra.map(name))

  if (absent(t.account)) throw errors.required(name('account'))
  // String(['acc_…']) would be the id itself: an array or object must not pass as one.
  if (typeof t.account !== 'string') throw badRequest(`The ${name('account')} must be a string.`, { field: name('account') })
  if (absent(t.amount)) throw errors.required(name('amount'))
  const amount = integer(t.amount)
  if (amount === null) throw badRequest(`The ${name('amount')} must be an integer.`, { field: name('amount') })
  if (amount < MIN_TRANSFER_AMOUNT) throw badRequest(`The ${name('amount')} must be at least ${MIN_TRANSFER_AMOUNT}.`, { field: name('amount') })
  if (absent(t.currency)) throw errors.required(name('currency'))
  if (t.currency !== 'INR') throw badRequest('The currency should be INR for transfers', { field: name('currency') })

  const notes = validateNotes(t.notes, name('notes'))
  let keys: string[] = []
  if (!absent(t.linked_account_notes)) {
    if (!Array.isArray(t.linked_account_notes) || t.linked_account_notes.some((k) => typeof k !== 'string'))
      throw badRequest(`The ${name('linked_account_notes')} must be an array.`, { field: name('linked_account_notes') })
    keys = [...new Set(t.linked_account_notes as string[])]
    if (keys.some((k) => !Object.hasOwn(notes, k)))
      throw badRequest('Keys sent in linked_account_notes must exist in notes', { field: name('linked_account_notes') })
  }
  const onHold = parseBool(t.on_hold, name('on_hold'))
  const onHoldUntil = parseHoldUntil(t.on_hold_until, name('on_hold_until'))
  // CHOSEN: the docs pair on_hold_until with on_hold: true; alone it would silently do nothing.
  if (onHoldUntil !== null && !onHold)
    throw badRequest(`The ${name('on_hold_until')} field may be sent only when ${name('on_hold')} is true.`, { field: name('on_hold_until') })
  return { account: t.account, amount, currency: 'INR', notes, linkedAccountNotes: keys, onHold, onHoldUntil }
}

/** `transfers` of POST /v1/payments/:id/transfers and of order create: a non-empty array. */
export function parseTransferList(raw: unknown): TransferSpec[] {
  if (absent(raw)) throw errors.required('transfers')
  // Form bodies without indices (transfers[][account]=…) and single objects are not lists.
  if (!Array.isArray(raw)) throw badRequest('The transfers must be an array.', { field: 'transfers' })
  if (raw.length === 0) throw errors.required('transfers')
  if (raw.length > 100) throw badRequest('The transfers may not have more than 100 items.', { field: 'transfers' })
  return raw.map((t, i) => parseTransferSpec(t, `transfers.${i}`))
}
