/** Route test helpers: linked accounts past their cooling period, test money, transfers, the clock. */
import { expect } from 'vitest'
import { balance } from '../../../src/ledger/ledger.js'
import type { RawResponse, TestMerchant, TestServer } from '../../support/harness.js'

let seq = 0

export function accountBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++
  return {
    email: `seller${process.pid}x${Date.now().toString(36)}x${seq}@example.com`,
    phone: '9000090000',
    type: 'route',
    reference_id: `ref${seq}`,
    legal_business_name: 'Acme Corp',
    business_type: 'partnership',
    contact_name: 'Gaurav Kumar',
    profile: {
      category: 'healthcare',
      subcategory: 'clinic',
      addresses: {
        registered: { street1: '507, Koramangala 1st block', street2: 'MG Road', city: 'Bengaluru', state: 'KARNATAKA', postal_code: '560034', country: 'IN' },
      },
    },
    legal_info: { pan: 'AAACL1234C', gst: '18AABCU9603R1ZM' },
    ...over,
  }
}

/** A linked account of `m`, its cooling period ended through the sandbox (unless `cooling`). */
export async function linkedAccount(m: TestMerchant, opts: { cooling?: boolean } = {}): Promise<string> {
  const r = await m.http('POST', '/v2/accounts', accountBody())
  expect(r.status, r.text).toBe(200)
  if (!opts.cooling) {
    const a = await m.http('POST', `/_sandbox/accounts/${r.body.id}/activate`)
    expect(a.status, a.text).toBe(200)
  }
  return r.body.id
}

/** Test money for the merchant's payment balance. */
export async function fund(m: TestMerchant, amount: number): Promise<number> {
  const r = await m.http('POST', '/_sandbox/balance', { amount })
  expect(r.status, r.text).toBe(200)
  return r.body.balance
}

export function direct(m: TestMerchant, body: Record<string, unknown>, key?: string): Promise<RawResponse> {
  return m.http('POST', '/v1/transfers', body, key === undefined ? {} : { 'X-Transfer-Idempotency': key })
}

export async function advance(m: TestMerchant, seconds: number): Promise<number> {
  const r = await m.http('POST', '/_sandbox/clock', { advance_by: seconds })
  expect(r.status, r.text).toBe(200)
  return r.body.now
}

export async function clockNow(m: TestMerchant): Promise<number> {
  return (await m.http('GET', '/_sandbox/clock')).body.now
}

export const paymentsBalance = (s: TestServer, m: TestMerchant) => balance(s.store.db, m.id, 'merchant_balance')
export const linkedHeld = (s: TestServer, m: TestMerchant, acc: string) => balance(s.store.db, m.id, `linked:${acc}`)
export const linkedBank = (s: TestServer, m: TestMerchant, acc: string) => balance(s.store.db, m.id, `linked_bank:${acc}`)

/** Acting as a linked account (raw HTTP, header as the SDK sends it). */
export function asAccount(m: TestMerchant, acc: string) {
  return (method: string, path: string, body?: unknown) => m.http(method, path, body, { 'X-Razorpay-Account': acc })
}

/** Transfer fee with GST, as Tijori charges it (fees.ts). */
export function fee(amount: number): { fees: number; tax: number } {
  const base = Math.ceil((amount * 25) / 10000)
  const tax = Math.round((base * 18) / 100)
  return { fees: base + tax, tax }
}

/** Pays an existing order by card (OTP 1234) and captures the payment; returns the payment id. */
export async function payOrder(m: TestMerchant, orderId: string, amount: number, opts: { capture?: boolean } = {}): Promise<string> {
  const created: any = await m.rzp.payments.createPaymentJson({
    amount,
    currency: 'INR',
    order_id: orderId,
    email: 'gaurav.kumar@example.com',
    contact: '9000090000',
    method: 'card',
    card: { number: '4111111111111111', name: 'Gaurav Kumar', expiry_month: '12', expiry_year: '30', cvv: '123' },
  } as any)
  await m.rzp.payments.otpSubmit(created.razorpay_payment_id, { otp: '1234' } as any)
  if (opts.capture !== false) await m.rzp.payments.capture(created.razorpay_payment_id, amount, 'INR')
  return created.razorpay_payment_id
}
