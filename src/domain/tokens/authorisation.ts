/**
 * The authorisation payment (issue 5): the payment of an authorisation order registers the mandate
 * and makes the customer's token. Hooked into the payment lifecycle (payments/hooks.ts):
 *
 *  - beforeInsert: a payment on an authorisation order must say `recurring` (1, true, "1" or
 *    "preferred"), use the order's method and customer, and for e-mandate name a bank whose IFSC
 *    prefix matches the mandate's account (RT: s2s emandate authorization-transaction.md: "The bank
 *    code used here should match the bank details used in" the order). Its recurring context
 *    (auth_type, bank account, the card's fingerprint) is kept in payment_mandates. `recurring: 1`
 *    on an ordinary order is refused; "preferred" makes an ordinary one-time payment.
 *  - onAuthorized: the token is made (recurring_details.status initiated) and set on the payment, so
 *    payment.authorized already carries token_id.
 *  - afterAuthorized: the registration is answered now or later (scenarios.ts): token.confirmed or
 *    token.rejected.
 */
import { badRequest, errors } from '../../http/errors.js'
import { randomToken, newId } from '../../shared/ids.js'
import type { Db, OrderRow, PaymentRow } from '../../store/schema.js'
import { IST_OFFSET_S } from '../settlements/calendar.js'
import { cardDigest } from '../cards/fingerprint.js'
import { orderStore } from '../orders/store.js'
import type { PaymentHooks } from '../payments/hooks.js'
import { paymentStore } from '../payments/store.js'
import { EMANDATE_AUTH_TYPES, mandateBankAccount, orderToken, type MandateBankAccountWire, type OrderTokenWire } from './mandate.js'
import { scheduleRegistration } from './lifecycle.js'
import { tokenStore, type TokenRow } from './store.js'

export type RecurringFlag = 'yes' | 'preferred' | 'no'

/** recurring: 1, true, "1", "true" → yes; "preferred" → preferred; absent, 0, false → no. */
export function recurringFlag(v: unknown, field = 'recurring'): RecurringFlag {
  if (v === undefined || v === null || v === '' || v === 0 || v === false || v === '0' || v === 'false') return 'no'
  if (v === 1 || v === true || v === '1' || v === 'true') return 'yes'
  if (v === 'preferred') return 'preferred'
  throw badRequest(`The selected ${field} is invalid.`, { field })
}

/** The last second of the card's expiry month, IST (SEED-002: expiry 12/2021 → expired_at 1640975399). */
export function cardExpiryEnd(month: number | null, year: number | null): number | null {
  if (!month || !year) return null
  return Date.UTC(year, month, 1) / 1000 - IST_OFFSET_S - 1
}

const TEN_YEARS = 10 * 365 * 86400

function bankDetails(b: MandateBankAccountWire | undefined | null): string | null {
  if (!b) return null
  return JSON.stringify({ beneficiary_name: b.name, account_number: b.account_number, ifsc: b.ifsc, account_type: b.account_type })
}

async function mandateBeforeInsert(tx: Db, c: Parameters<PaymentHooks['beforeInsert']>[1]): Promise<PaymentRow> {
  const { order, input, now } = c
  let payment = c.payment
  const token = orderToken(order)
  const flag = recurringFlag(input.recurring)
  if (!token) {
    if (payment.method === 'emandate')
      throw badRequest('E-mandate payments need an authorisation order: create the order with method emandate, customer_id and token.', {
        field: 'order_id',
      })
    if (flag === 'yes')
      throw badRequest('Recurring payments need an authorisation order: create the order with method, customer_id and token.', {
        field: 'recurring',
      })
    if (order.customer_id && payment.customer_id === null) payment = { ...payment, customer_id: order.customer_id }
    return payment
  }
  if (flag === 'no') throw errors.required('recurring')
  if (payment.method !== token.method)
    throw badRequest(`The payment method must be ${token.method}: this authorisation order registers a ${token.method} mandate.`, { field: 'method' })
  const customerId = order.customer_id as string
  if (input.customer_id !== undefined && input.customer_id !== customerId)
    throw badRequest('The customer_id must be the customer the authorisation order was created for.', { field: 'customer_id' })

  let authType: string | null = token.auth_type
  let account: MandateBankAccountWire | undefined | null = token.bank_account ?? null
  if (token.method === 'emandate') {
    if (input.auth_type !== undefined) {
      if (!(EMANDATE_AUTH_TYPES as readonly string[]).includes(input.auth_type)) throw badRequest('The selected auth_type is invalid.', { field: 'auth_type' })
      if (authType !== null && authType !== input.auth_type)
        throw badRequest(`The auth_type must be ${authType}, as on the authorisation order.`, { field: 'auth_type' })
      authType = input.auth_type
    }
    authType ??= 'netbanking'
    if (input.bank_account !== undefined) account = mandateBankAccount('emandate', input.bank_account, 'bank_account')
    if (!account) throw errors.required('bank_account')
    if (payment.bank !== account.ifsc.slice(0, 4))
      throw badRequest(`The bank must be the bank of the mandate's account (${account.ifsc.slice(0, 4)}, from IFSC ${account.ifsc}).`, { field: 'bank' })
  } else if (input.auth_type !== undefined && token.method !== 'card') {
    throw errors.extraFields(['auth_type'])
  }
  const number = input.card ? String(input.card.number).replace(/\D/g, '') : null
  await tokenStore.insertMandate(tx, {
    payment_id: payment.id,
    merchant_id: payment.merchant_id,
    customer_id: customerId,
    auth_type: token.method === 'card' ? null : authType,
    bank_account: account ? JSON.stringify(account) : null,
    par: number ? cardDigest(number) : null,
    created_at: now,
  })
  return { ...payment, customer_id: customerId }
}

function defaultExpiry(cfg: OrderTokenWire, card: { expiry_month: number | null; expiry_year: number | null } | null, now: number): number {
  return cfg.expire_at ?? (card ? cardExpiryEnd(card.expiry_month, card.expiry_year) : null) ?? now + TEN_YEARS
}

async function makeToken(tx: Db, p: PaymentRow, now: number): Promise<PaymentRow> {
  const m = await tokenStore.findMandate(tx, p.merchant_id, p.id)
  if (!m || p.token_id !== null || !p.order_id) return p
  const order = (await orderStore.findByMerchantIdAndId(tx, p.merchant_id, p.order_id)) as OrderRow
  const cfg = orderToken(order) as OrderTokenWire
  const card = p.card_id ? ((await paymentStore.findCard(tx, p.merchant_id, p.card_id)) ?? null) : null
  const account = m.bank_account ? (JSON.parse(m.bank_account) as MandateBankAccountWire) : null
  const t: TokenRow = {
    id: newId('token'),
    merchant_id: p.merchant_id,
    customer_id: m.customer_id,
    token: randomToken(14),
    source: 'recurring',
    method: cfg.method,
    card_id: card?.id ?? null,
    bank: cfg.method === 'emandate' || cfg.method === 'nach' ? (p.bank ?? account?.ifsc.slice(0, 4) ?? null) : null,
    vpa: p.vpa,
    auth_type: m.auth_type,
    recurring: 1,
    recurring_status: 'initiated',
    failure_reason: null,
    max_amount: cfg.max_amount,
    expired_at: defaultExpiry(cfg, card, now),
    frequency: cfg.frequency,
    bank_details: bankDetails(account),
    notes: JSON.stringify(Array.isArray(cfg.notes) ? {} : cfg.notes),
    par: m.par,
    token_iin: null,
    payment_id: p.id,
    order_id: p.order_id,
    status: 'active',
    used_at: now,
    start_time: cfg.method === 'upi' ? now : null,
    created_at: now,
    deleted_at: null,
  }
  await tokenStore.insert(tx, t)
  await paymentStore.update(tx, p.id, { kind: 'token', tokenId: t.id })
  return { ...p, token_id: t.id }
}

async function answerNewToken(tx: Db, p: PaymentRow, now: number): Promise<void> {
  if (p.token_id === null) return
  const t = await tokenStore.findByMerchantIdAndId(tx, p.merchant_id, p.token_id)
  // Only the token this payment made (a recurring charge's token is already registered).
  if (t && t.payment_id === p.id && t.recurring_status === 'initiated') await scheduleRegistration(tx, t, now)
}

export const mandateHooks = {
  beforeInsert: mandateBeforeInsert,
  onAuthorized: makeToken,
  afterAuthorized: answerNewToken,
}
