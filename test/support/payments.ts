/**
 * Helpers for payment and refund tests: start payments the way an S2S integration does (through the
 * SDK), drive the simulated bank page over raw HTTP, read the auto-submitting callback form, and read
 * the outbox `events` table.
 */
import type { RawResponse, TestMerchant, TestServer } from './harness.js'
import { testCard, testCustomer } from './factories.js'
import { expectSubscribedToAll } from './subscribed.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Started {
  id: string
  orderId: string
  /** The create/json (or create/upi) response body. */
  created: any
}

export interface StartOpts {
  amount?: number
  /** Pay this existing order instead of creating one. */
  orderId?: string
  /** Extra order-create fields (payment_capture, payment, partial_payment, …). */
  order?: Record<string, unknown>
  callback_url?: string
  notes?: Record<string, string>
}

export async function newOrder(m: TestMerchant, amount = 10000, extra: Record<string, unknown> = {}): Promise<any> {
  return m.rzp.orders.create({ amount, currency: 'INR', ...extra } as any)
}

async function orderFor(m: TestMerchant, o: StartOpts): Promise<string> {
  return o.orderId ?? (await newOrder(m, o.amount ?? 10000, o.order)).id
}

const optional = (o: StartOpts) => ({
  ...(o.callback_url !== undefined ? { callback_url: o.callback_url } : {}),
  ...(o.notes !== undefined ? { notes: o.notes } : {}),
})

/** create/json with a card; the payment waits for OTP or the bank page. */
export async function startCardPayment(m: TestMerchant, number = '4111111111111111', o: StartOpts & { card?: Record<string, unknown> } = {}): Promise<Started> {
  const orderId = await orderFor(m, o)
  const created: any = await m.rzp.payments.createPaymentJson({
    amount: o.amount ?? 10000,
    currency: 'INR',
    order_id: orderId,
    ...testCustomer,
    method: 'card',
    card: { ...testCard(number), ...o.card },
    ...optional(o),
  } as any)
  return { id: created.razorpay_payment_id, orderId, created }
}

/** create/json with netbanking (default HDFC) or a wallet (default payzapp). */
export async function startRedirectPayment(m: TestMerchant, method: 'netbanking' | 'wallet', o: StartOpts & { bank?: string; wallet?: string } = {}): Promise<Started> {
  const orderId = await orderFor(m, o)
  const created: any = await m.rzp.payments.createPaymentJson({
    amount: o.amount ?? 10000,
    currency: 'INR',
    order_id: orderId,
    ...testCustomer,
    method,
    ...(method === 'netbanking' ? { bank: o.bank ?? 'HDFC' } : { wallet: o.wallet ?? 'payzapp' }),
    ...optional(o),
  } as any)
  return { id: created.razorpay_payment_id, orderId, created }
}

/** create/json with method upi (collect) and a VPA; the test VPA decides at once. */
export async function upiPayment(m: TestMerchant, vpa: string, o: StartOpts = {}): Promise<Started> {
  const orderId = await orderFor(m, o)
  const created: any = await m.rzp.payments.createPaymentJson({
    amount: o.amount ?? 10000,
    currency: 'INR',
    order_id: orderId,
    ...testCustomer,
    method: 'upi',
    vpa,
    ...optional(o),
  } as any)
  return { id: created.razorpay_payment_id, orderId, created }
}

/** A card payment authorized through otp/submit. */
export async function authorizedCardPayment(m: TestMerchant, o: StartOpts & { number?: string } = {}): Promise<Started & { auth: any }> {
  const p = await startCardPayment(m, o.number, o)
  const auth: any = await m.rzp.payments.otpSubmit(p.id, { otp: '123456' })
  return { ...p, auth }
}

/** The customer presses Success or Failure on the simulated bank page (a form POST, no credentials). */
export function bankAction(s: TestServer, paymentId: string, action: string): Promise<RawResponse> {
  return s.raw('POST', `/v1/payments/${paymentId}/authenticate`, {
    body: `action=${encodeURIComponent(action)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
}

export function bankPage(s: TestServer, paymentId: string): Promise<RawResponse> {
  return s.raw('GET', `/v1/payments/${paymentId}/authenticate`)
}

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string)
}

/** The hidden inputs of an HTML form, by name. */
export function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) out[unescapeHtml(m[1])] = unescapeHtml(m[2])
  return out
}

/** The first form's method and action. */
export function formTarget(html: string): { method: string; action: string } | null {
  const m = /<form[^>]*\bmethod="([^"]*)"[^>]*\baction="([^"]*)"/.exec(html)
  return m ? { method: m[1].toLowerCase(), action: unescapeHtml(m[2]) } : null
}

export interface StoredEvent {
  id: string
  event: string
  contains: string[]
  payload: Record<string, { entity: any }>
  created_at: number
}

/**
 * A merchant's outbox rows in the order they were written (event ids are time-ordered), optionally
 * only those whose payload carries an entity with this id.
 */
export async function eventsOf(s: TestServer, merchantId: string, entityId?: string): Promise<StoredEvent[]> {
  await expectSubscribedToAll(s.store.db, merchantId)
  const rows = await s.store.db.selectFrom('events').selectAll().where('merchant_id', '=', merchantId).orderBy('id').execute()
  const parsed = rows.map((r) => ({
    id: r.id,
    event: r.event,
    contains: JSON.parse(r.contains) as string[],
    payload: JSON.parse(r.payload) as Record<string, { entity: any }>,
    created_at: r.created_at,
  }))
  if (entityId === undefined) return parsed
  return parsed.filter((e) => Object.values(e.payload).some((v) => v?.entity?.id === entityId))
}

export const eventNames = (events: StoredEvent[]) => events.map((e) => e.event)

export async function countEvents(s: TestServer, merchantId: string): Promise<number> {
  await expectSubscribedToAll(s.store.db, merchantId)
  const r = await s.store.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('merchant_id', '=', merchantId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function countRows(s: TestServer, table: 'payments' | 'refunds' | 'cards', merchantId: string): Promise<number> {
  const r = await s.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('merchant_id', '=', merchantId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
