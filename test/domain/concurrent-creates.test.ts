/**
 * Creates whose rules are "look, then insert" — dedupe of contacts, fund accounts and customers,
 * the unique linked-account email, the 30-webhook limit, one settlement job per slot — hold when identical requests arrive at
 * once. On SQLite the single writer orders them; on PostgreSQL (this file runs in both projects)
 * concurrent REPEATABLE READ transactions all saw "nothing yet" and all inserted, until these
 * writes were serialised per merchant (WriteOptions.serializeOn).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/harness.js'
import { createContact, HDFC } from '../support/razorpayx.js'
import { accountBody } from './transfers/support.js'
import { authorizedPayment } from '../support/factories.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const N = 10
const at = <T>(f: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: N }, (_, i) => f(i)))

describe('identical creates at once', () => {
  it('contacts: one contact, every answer is it', async () => {
    const m = await s.newMerchant()
    const body = { name: 'Gaurav Kumar', email: 'gk.race@example.com', contact: '9123456780', type: 'vendor', reference_id: 'race-1' }
    const answers = await at(() => m.http('POST', '/v1/contacts', body))
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200))
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect((await m.http('GET', '/v1/contacts?count=100')).body.count).toBe(1)
  })

  it('fund accounts: one fund account, every answer is it', async () => {
    const m = await s.newMerchant()
    const c = await createContact(m)
    const body = { contact_id: c.id, account_type: 'bank_account', bank_account: { name: 'Gaurav Kumar', ifsc: HDFC, account_number: '765432123456789' } }
    const answers = await at(() => m.http('POST', '/v1/fund_accounts', body))
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200))
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect((await m.http('GET', `/v1/fund_accounts?contact_id=${c.id}`)).body.count).toBe(1)
  })

  it('customers: fail_existing 0 gives one customer; the default gives one 200 and "already exists" for the rest', async () => {
    const m = await s.newMerchant()
    const found = await at(() => m.http('POST', '/v1/customers', { name: 'Race One', email: 'race.one@example.com', contact: '9123456781', fail_existing: '0' }))
    expect(found.map((a) => a.status)).toEqual(Array(N).fill(200))
    expect(new Set(found.map((a) => a.body.id)).size).toBe(1)
    const strict = await at(() => m.http('POST', '/v1/customers', { name: 'Race Two', email: 'race.two@example.com', contact: '9123456782' }))
    expect(strict.filter((a) => a.status === 200)).toHaveLength(1)
    for (const a of strict.filter((r) => r.status !== 200)) expect(a.body.error.description).toBe('Customer already exists for the merchant')
    expect((await m.http('GET', '/v1/customers?count=100')).body.count).toBe(2)
  })

  it('linked accounts: one account per email', async () => {
    const m = await s.newMerchant()
    const body = accountBody()
    const answers = await at(() => m.http('POST', '/v2/accounts', body))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    for (const a of answers.filter((r) => r.status !== 200)) expect(a.body.error.description).toMatch(/^Merchant email already exists for account - /)
  })

  it('webhooks: never more than 30 for an account', async () => {
    const m = await s.newMerchant()
    const answers = await Promise.all(
      Array.from({ length: 36 }, (_, i) => m.http('POST', '/v1/webhooks', { url: `http://127.0.0.1:9/hook-${i}`, events: ['payment.captured'] })),
    )
    expect(answers.filter((a) => a.status === 200)).toHaveLength(30)
    for (const a of answers.filter((r) => r.status !== 200)) expect(a.body.error.description).toBe('You can create up to 30 webhooks for an account.')
    expect((await m.http('GET', '/v1/webhooks?count=100')).body.count).toBe(30)
  })

  it('captures at once schedule their settlement slot once', async () => {
    const m = await s.newMerchant()
    const payments = await Promise.all(Array.from({ length: N }, () => authorizedPayment(m, 10000)))
    const captured = await Promise.all(payments.map((p) => m.http('POST', `/v1/payments/${p.id}/capture`, { amount: 10000, currency: 'INR' })))
    expect(captured.map((c) => c.status)).toEqual(Array(N).fill(200))
    const jobs = await s.store.db
      .selectFrom('jobs')
      .select(['subject_id'])
      .where('merchant_id', '=', m.id)
      .where('kind', '=', 'settlement.scheduled')
      .where('status', '=', 'pending')
      .execute()
    expect(jobs).toHaveLength(1)
  })
})
