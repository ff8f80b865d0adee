/**
 * Direct transfers (POST /v1/transfers, SEED-001) and X-Transfer-Idempotency: the entity exactly as
 * the seed shows it, fees with GST, the merchant's payment balance as the source (with the documented
 * insufficient-balance error), and the idempotency promise — same key + body → the same transfer,
 * different body → 400, concurrent duplicates → 409, never a second debit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { assertLedgerBalanced } from '../../support/ledger.js'
import { eventsOf } from '../../support/payments.js'
import { direct, fee, fund, linkedAccount, linkedHeld, paymentsBalance } from './support.js'

let s: TestServer
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => FROZEN })
})
afterAll(() => s.close())
afterEach(() => assertLedgerBalanced(s))

const HEADER = 'X-Transfer-Idempotency'
let keySeq = 0
const key = (p = 'k') => `${p}-${process.pid}-${++keySeq}`

async function setup(balance = 1_00_000): Promise<{ m: TestMerchant; acc: string }> {
  const m = await s.newMerchant()
  await fund(m, balance)
  return { m, acc: await linkedAccount(m) }
}

async function transferCount(merchantId: string): Promise<number> {
  const r = await s.store.db.selectFrom('transfers').select((eb) => eb.fn.countAll<number>().as('n')).where('merchant_id', '=', merchantId).executeTakeFirst()
  return Number(r?.n ?? 0)
}

describe('POST /v1/transfers', () => {
  it('moves amount + fees from the payment balance; the entity is the seed\'s, plus settlement_status', async () => {
    const { m, acc } = await setup()
    const t: any = await m.rzp.transfers.create({ account: acc, amount: 100, currency: 'INR' })
    expect(t).toEqual({
      id: expect.stringMatching(/^trf_[0-9A-Za-z]{14}$/),
      entity: 'transfer',
      status: 'processed',
      source: m.id,
      recipient: acc,
      amount: 100,
      currency: 'INR',
      amount_reversed: 0,
      fees: 1,
      tax: 0,
      notes: [],
      linked_account_notes: [],
      on_hold: false,
      on_hold_until: null,
      settlement_status: 'pending',
      recipient_settlement_id: null,
      created_at: FROZEN,
      processed_at: FROZEN,
      error: { code: null, description: null, reason: null, field: null, step: null, id: t.id, source: null, metadata: null },
    })
    expect(Object.keys(t)).toEqual([
      'id', 'entity', 'status', 'source', 'recipient', 'amount', 'currency', 'amount_reversed', 'fees', 'tax', 'notes',
      'linked_account_notes', 'on_hold', 'on_hold_until', 'settlement_status', 'recipient_settlement_id', 'created_at', 'processed_at', 'error',
    ])
    // 0.25% + 18% GST on the fee: the documented ₹900 → ₹2.66 example.
    const big: any = await m.rzp.transfers.create({ account: acc, amount: 90000, currency: 'INR', notes: { region: 'south' } } as any)
    expect({ fees: big.fees, tax: big.tax }).toEqual({ fees: 266, tax: 41 })
    expect(await paymentsBalance(s, m)).toBe(1_00_000 - 101 - 90266)
    expect(await linkedHeld(s, m, acc)).toBe(90100)
    expect((await m.rzp.transfers.fetch(t.id)) as any).toEqual(t)
    const events = (await eventsOf(s, m.id)).filter((e) => e.event.startsWith('transfer.'))
    expect(events.map((e) => [e.event, e.payload.transfer.entity.id])).toEqual([
      ['transfer.processed', t.id],
      ['transfer.processed', big.id],
    ])
  })

  it('refuses a transfer the balance cannot cover (amount + fees) with the documented error', async () => {
    const { m, acc } = await setup(1000)
    expectError(await direct(m, { account: acc, amount: 1000, currency: 'INR' }), 400, {
      description: 'Transfer cannot be made due to insufficient balance',
      step: 'balance_check',
      reason: 'insufficient_balance',
    })
    expect((await direct(m, { account: acc, amount: 996, currency: 'INR' })).status).toBe(200) // 996 + 4 = 1000
    expect(await paymentsBalance(s, m)).toBe(0)
    expect(await transferCount(m.id)).toBe(1)
  })

  it('validates the fields with Razorpay\'s texts', async () => {
    const { m, acc } = await setup()
    const base = { account: acc, amount: 1000, currency: 'INR' }
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount: 99 }, 'The amount must be at least 100.', 'amount'],
      [{ amount: 10.5 }, 'The amount must be an integer.', 'amount'],
      [{ amount: undefined }, 'The amount field is required.', 'amount'],
      [{ currency: 'USD' }, 'The currency should be INR for transfers', 'currency'],
      [{ currency: undefined }, 'The currency field is required.', 'currency'],
      [{ account: undefined }, 'The account field is required.', 'account'],
      [{ account: 'acc_123' }, 'acc_123 is not a valid id', 'account'],
      [{ account: [acc] }, 'The account must be a string.', 'account'],
      [{ account: { id: acc } }, 'The account must be a string.', 'account'],
      [{ account: 'acc_00000000000000' }, 'The id provided does not exist', 'account'],
      [{ notes: { a: 'x' }, linked_account_notes: ['b'] }, 'Keys sent in linked_account_notes must exist in notes', 'linked_account_notes'],
      [{ notes: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])) }, 'Number of notes should not exceed 15', 'notes'],
      [{ on_hold: true, on_hold_until: 100 }, 'on_hold_until must be between 946684800 and 4765046400', 'on_hold_until'],
      [{ on_hold: 'maybe' }, 'The on_hold field must be true or false.', 'on_hold'],
    ]
    for (const [over, description, field] of cases) expectError(await direct(m, { ...base, ...over }), 400, { description, field })
    expectError(await direct(m, { ...base, source: 'x' }), 400, { description: 'source is/are not required and should not be sent', field: 'source', reason: 'extra_field_sent' })
    // Another merchant's linked account is not one of ours.
    const other = await setup()
    expectError(await direct(m, { ...base, account: other.acc }), 400, { description: 'The id provided does not exist', field: 'account' })
    expect(await transferCount(m.id)).toBe(0)
  })

  it('lists newest first with count/skip/from/to, and fetches only the merchant\'s own', async () => {
    const { m, acc } = await setup()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await direct(m, { account: acc, amount: 1000 + i, currency: 'INR' })).body.id)
    const all: any = await m.rzp.transfers.all()
    expect(all.items.map((t: any) => t.id)).toEqual([...ids].reverse())
    expect(((await m.rzp.transfers.all({ count: 1, skip: 1 })) as any).items.map((t: any) => t.id)).toEqual([ids[1]])
    expect(((await m.rzp.transfers.all({ from: FROZEN + 1 })) as any).items).toEqual([])
    const other = await s.newMerchant()
    expect((await sdkError(other.rzp.transfers.fetch(ids[0]))).error).toMatchObject({ description: 'The id provided does not exist' })
    expectError(await m.http('GET', '/v1/transfers/trf_1'), 400, { description: 'trf_1 is not a valid id', field: 'id' })
    expectError(await m.http('GET', '/v1/transfers?expand[]=payments'), 400, { description: 'payments is not a valid expand value', field: 'expand' })
  })
})

describe('X-Transfer-Idempotency', () => {
  it('same key + same body → the same transfer and one debit; another body → 400', async () => {
    const { m, acc } = await setup()
    const body = { account: acc, amount: 5000, currency: 'INR', notes: { order: 'A-1' } }
    const k = key()
    const first = await direct(m, body, k)
    expect(first.status, first.text).toBe(200)
    const again = await direct(m, { notes: { order: 'A-1' }, currency: 'INR', amount: 5000, account: acc }, k)
    expect(again.body).toEqual(first.body)
    for (const change of [{ amount: 5001 }, { notes: { order: 'A-2' } }, { on_hold: true }]) {
      expectError(await direct(m, { ...body, ...change }, k), 400, {
        description: 'Different request body sent for the same Idempotency Header.',
        field: HEADER,
        source: 'business',
        step: null,
      })
    }
    expect(await transferCount(m.id)).toBe(1)
    expect(await paymentsBalance(s, m)).toBe(1_00_000 - 5000 - fee(5000).fees)
    // Without the header every request is a new transfer.
    await direct(m, body)
    await direct(m, body)
    expect(await transferCount(m.id)).toBe(3)
  })

  it('accepts 4–36 letters, digits, hyphens, underscores and spaces, and nothing else', async () => {
    const { m, acc } = await setup()
    const body = { account: acc, amount: 1000, currency: 'INR' }
    for (const k of ['abcd', 'x'.repeat(36), 'key with spaces_and-dash', 'fbdabb70-9548-4cfe-8da1-c9bbf39e96b0']) expect((await direct(m, body, k)).status, k).toBe(200)
    for (const k of ['abc', 'x'.repeat(37), 'bad!key', 'key.with.dots']) {
      expectError(await direct(m, body, k), 400, {
        description: `The ${HEADER} key must be 4 to 36 characters long and contain only letters, digits, hyphens, underscores and spaces.`,
        field: HEADER,
        source: 'business',
        step: null,
      })
    }
    expect(await transferCount(m.id)).toBe(4)
  })

  it('a failed request leaves no key behind; keys are scoped per merchant', async () => {
    const { m, acc } = await setup(500)
    const k = key()
    const body = { account: acc, amount: 1000, currency: 'INR' }
    expect((await direct(m, body, k)).status).toBe(400) // insufficient balance
    await fund(m, 1000)
    const ok = await direct(m, body, k)
    expect(ok.status).toBe(200)
    const other = await setup()
    const theirs = await direct(other.m, { ...body, account: other.acc }, k)
    expect(theirs.status).toBe(200)
    expect(theirs.body.id).not.toBe(ok.body.id)
  })

  it('makes exactly one transfer from 50 concurrent identical requests; every answer is it or a 409', async () => {
    const { m, acc } = await setup()
    const body = { account: acc, amount: 2000, currency: 'INR' }
    const k = key('concurrent')
    const results = await Promise.all(Array.from({ length: 50 }, () => direct(m, body, k)))
    const ok = results.filter((r) => r.status === 200)
    const conflicts = results.filter((r) => r.status === 409)
    expect(ok.length + conflicts.length).toBe(50)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1)
    for (const c of conflicts) {
      expect(c.body).toEqual({
        error: {
          code: 'BAD_REQUEST_ERROR',
          description: 'Another request with the same idempotency key is still in progress.',
          source: 'business',
          step: null,
          reason: 'input_validation_failed',
          metadata: {},
          field: HEADER,
        },
      })
    }
    expect(await transferCount(m.id)).toBe(1)
    expect(await paymentsBalance(s, m)).toBe(1_00_000 - 2000 - fee(2000).fees)
    expect(await linkedHeld(s, m, acc)).toBe(2000)
    // A retry afterwards is answered with that transfer.
    expect((await direct(m, body, k)).body.id).toBe(ok[0].body.id)
  })
})
