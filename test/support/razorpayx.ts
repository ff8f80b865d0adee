/** Builders for RazorpayX tests: contacts, fund accounts, the business account, payouts, the clock. */
import { expect } from 'vitest'
import { totals } from '../../src/ledger/ledger.js'
import { ledgerSum } from './ledger.js'
import type { RawResponse, TestMerchant, TestServer } from './harness.js'
import { expectSubscribedToAll } from './subscribed.js'

export const HDFC = 'HDFC0000053'

let seq = 0
export const uniqueKey = (prefix = 'key') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`

export async function createContact(m: TestMerchant, body: Record<string, unknown> = {}): Promise<any> {
  const r = await m.http('POST', '/v1/contacts', { name: 'Gaurav Kumar', type: 'vendor', reference_id: uniqueKey('ref'), ...body })
  expect(r.status, r.text).toBe(200)
  return r.body
}

export async function createFundAccount(m: TestMerchant, contactId: string, kind: 'bank' | 'vpa' | 'wallet' | 'card' = 'bank', detail?: string): Promise<any> {
  const body =
    kind === 'bank'
      ? { account_type: 'bank_account', bank_account: { name: 'Gaurav Kumar', ifsc: HDFC, account_number: detail ?? '765432123456789' } }
      : kind === 'vpa'
        ? { account_type: 'vpa', vpa: { address: detail ?? 'gaurav.kumar@exampleupi' } }
        : kind === 'wallet'
          ? { account_type: 'wallet', wallet: { provider: 'amazonpay', phone: detail ?? '+919876543210', email: 'gaurav.kumar@example.com', name: 'Gaurav Kumar' } }
          : { account_type: 'card', card: { number: detail ?? '4111111111111111', name: 'Gaurav Kumar' } }
  const r = await m.http('POST', '/v1/fund_accounts', { contact_id: contactId, ...body })
  expect(r.status, r.text).toBe(200)
  return r.body
}

/** A contact with one fund account. */
export async function beneficiary(m: TestMerchant, kind: 'bank' | 'vpa' | 'wallet' | 'card' = 'bank', detail?: string): Promise<{ contactId: string; fundAccountId: string }> {
  const c = await createContact(m)
  const fa = await createFundAccount(m, c.id, kind, detail)
  return { contactId: c.id, fundAccountId: fa.id }
}

export async function businessAccount(m: TestMerchant): Promise<{ account_number: string; amount: number }> {
  const r = await m.http('GET', '/v1/banking_balances')
  expect(r.status, r.text).toBe(200)
  return r.body.items[0]
}

/** A new merchant of `s` and the number of its RazorpayX business account. */
export async function merchantWithAccount(s: TestServer): Promise<{ m: TestMerchant; acct: string }> {
  const m = await s.newMerchant()
  return { m, acct: (await businessAccount(m)).account_number }
}

export async function balanceOf(m: TestMerchant): Promise<number> {
  return (await businessAccount(m)).amount
}

export function payoutBody(accountNumber: string, fundAccountId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { account_number: accountNumber, fund_account_id: fundAccountId, amount: 10000, currency: 'INR', mode: 'IMPS', purpose: 'payout', ...over }
}

export function createPayout(m: TestMerchant, body: unknown, key: string | null = uniqueKey()): Promise<RawResponse> {
  return m.http('POST', '/v1/payouts', body, key === null ? {} : { 'X-Payout-Idempotency': key })
}

export async function advance(m: TestMerchant, seconds: number): Promise<number> {
  const r = await m.http('POST', '/_sandbox/clock', { advance_by: seconds })
  expect(r.status, r.text).toBe(200)
  return r.body.now
}

export async function topUp(m: TestMerchant, accountNumber: string, amount: number): Promise<RawResponse> {
  return m.http('POST', '/_sandbox/balance', { account_number: accountNumber, amount })
}

export async function fetchPayout(m: TestMerchant, id: string): Promise<any> {
  const r = await m.http('GET', `/v1/payouts/${id}`)
  expect(r.status, r.text).toBe(200)
  return r.body
}

/** Events recorded for a merchant, oldest first (name and payload entity). */
export async function eventsOf(s: TestServer, merchantId: string, prefix = ''): Promise<{ event: string; payload: any }[]> {
  await expectSubscribedToAll(s.store.db, merchantId)
  const rows = await s.store.db
    .selectFrom('events')
    .select(['event', 'payload', 'created_at', 'id'])
    .where('merchant_id', '=', merchantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.filter((r) => r.event.startsWith(prefix)).map((r) => ({ event: r.event, payload: JSON.parse(r.payload) }))
}

/** The ledger sums to zero for this merchant, and the business account's cached balance equals its ledger balance. */
export async function expectLedgerConsistent(s: TestServer, merchantId: string): Promise<void> {
  const t = await totals(s.store.db, merchantId)
  for (const [currency, sum] of Object.entries(t)) expect({ currency, sum }).toEqual({ currency, sum: 0 })
  const accts = await s.store.db.selectFrom('business_accounts').selectAll().where('merchant_id', '=', merchantId).execute()
  for (const a of accts) {
    expect(await ledgerSum(s.store.db, merchantId, `razorpayx:${a.account_number}`, a.currency)).toBe(a.balance)
    expect(a.balance).toBeGreaterThanOrEqual(0)
  }
}
