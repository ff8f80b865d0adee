/**
 * X-Payout-Idempotency (behaviors.md §1a): mandatory, 4–36 characters of [A-Za-z0-9 _-], scoped to
 * merchant + endpoint; same key + same body → the payout as it is now; different body → 400; a
 * concurrent duplicate → 409, never a second payout; keys live 7 days of the merchant's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { advance, balanceOf, beneficiary, businessAccount, createPayout, expectLedgerConsistent, payoutBody, uniqueKey } from '../../support/razorpayx.js'

let s: TestServer
// Real time stands still: only POST /_sandbox/clock moves the merchants' clocks, so timing
// assertions (59 s → still processing, 60 s → processed) hold however slow the machine is.
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ realNow: () => FROZEN })
})
afterAll(() => s.close())

const OPENING = 1_00_00_000_00
const HEADER = 'X-Payout-Idempotency'

async function setup(): Promise<{ m: TestMerchant; body: Record<string, unknown> }> {
  const m = await s.newMerchant()
  const { account_number } = await businessAccount(m)
  const { fundAccountId } = await beneficiary(m)
  return { m, body: payoutBody(account_number, fundAccountId) }
}

async function payoutCount(merchantId: string): Promise<number> {
  const r = await s.store.db.selectFrom('payouts').select((eb) => eb.fn.countAll<number>().as('n')).where('merchant_id', '=', merchantId).executeTakeFirst()
  return Number(r?.n ?? 0)
}

describe('X-Payout-Idempotency', () => {
  it('is mandatory: a missing key gets Razorpay\'s exact body', async () => {
    const { m, body } = await setup()
    for (const headers of [{}, { [HEADER]: '' }] as Record<string, string>[]) {
      const r = await m.http('POST', '/v1/payouts', body, headers)
      expect(r.status).toBe(400)
      expect(r.text).toBe(
        '{"error":{"code":"BAD_REQUEST_ERROR","description":"Idempotency key is missing. Include idempotency header and key in the request.","source":"business","step":null,"reason":"null","metadata":{},"field":"X-Payout-Idempotency"}}',
      )
    }
    expect(await payoutCount(m.id)).toBe(0)
  })

  it('accepts 4–36 letters, digits, hyphens, underscores and spaces, and nothing else', async () => {
    const { m, body } = await setup()
    for (const key of ['abcd', 'x'.repeat(36), 'key with spaces_and-dash', '53cda91c-8f81-4e77-bbb9-7388f4ac6bf4']) {
      expect((await createPayout(m, body, key)).status, key).toBe(200)
    }
    for (const key of ['abc', 'x'.repeat(37), 'bad!key', 'key.with.dots', 'café-key']) {
      expectError(await createPayout(m, body, key), 400, {
        description: 'The X-Payout-Idempotency key must be 4 to 36 characters long and contain only letters, digits, hyphens, underscores and spaces.',
        field: HEADER,
        source: 'business',
        step: null,
        reason: 'input_validation_failed',
      })
    }
    expect(await payoutCount(m.id)).toBe(4)
  })

  it('replays the payout in its current state, refuses a different body, and debits once', async () => {
    const { m, body } = await setup()
    const key = uniqueKey()
    const first = await createPayout(m, body, key)
    expect(first.body.status).toBe('processing')
    const again = await createPayout(m, { ...body }, key)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    // Field order is not part of the body's identity.
    const reordered = Object.fromEntries(Object.entries(body).reverse())
    expect((await createPayout(m, reordered, key)).body.id).toBe(first.body.id)

    await advance(m, 60)
    const later = await createPayout(m, body, key)
    expect(later.body).toMatchObject({ id: first.body.id, status: 'processed', utr: expect.stringMatching(/^\d{12}$/) })

    for (const change of [{ amount: 10001 }, { mode: 'NEFT' }, { reference_id: 'x' }, { queue_if_low_balance: false }]) {
      expectError(await createPayout(m, { ...body, ...change }, key), 400, {
        description: 'Different request body sent for the same Idempotency Header.',
        field: HEADER,
        source: 'business',
        step: null,
        reason: 'input_validation_failed',
      })
    }
    expect(await payoutCount(m.id)).toBe(1)
    expect(await balanceOf(m)).toBe(OPENING - 10590)
    await expectLedgerConsistent(s, m.id)
  })

  it('does not consume the key when the request fails, and scopes keys per merchant', async () => {
    const { m, body } = await setup()
    const key = uniqueKey()
    expect((await createPayout(m, { ...body, mode: 'imps' }, key)).status).toBe(400)
    const ok = await createPayout(m, { ...body, mode: 'NEFT' }, key)
    expect(ok.status).toBe(200)
    expect(ok.body.mode).toBe('NEFT')

    const other = await setup()
    const theirs = await createPayout(other.m, other.body, key)
    expect(theirs.status).toBe(200)
    expect(theirs.body.id).not.toBe(ok.body.id)
  })

  it('replays a failed payout as failed: a retry needs a new key', async () => {
    const m = await s.newMerchant()
    const { account_number } = await businessAccount(m)
    const { fundAccountId } = await beneficiary(m, 'bank', '1111111111')
    const key = uniqueKey()
    const body = payoutBody(account_number, fundAccountId)
    const p = (await createPayout(m, body, key)).body
    await advance(m, 60)
    expect((await createPayout(m, body, key)).body).toMatchObject({ id: p.id, status: 'failed' })
    expect(await payoutCount(m.id)).toBe(1)
  })

  it('makes exactly one payout from 50 concurrent identical requests; every answer is that payout or a 409', async () => {
    const { m, body } = await setup()
    const key = uniqueKey('concurrent')
    const results = await Promise.all(Array.from({ length: 50 }, () => createPayout(m, body, key)))
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
    expect(await payoutCount(m.id)).toBe(1)
    expect(await balanceOf(m)).toBe(OPENING - 10590)
    // Different keys in parallel are different payouts.
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => createPayout(m, body, `${key}-${i}`)))
    expect(many.every((r) => r.status === 200)).toBe(true)
    expect(await payoutCount(m.id)).toBe(21)
    await expectLedgerConsistent(s, m.id)
  })

  it('answers concurrent retries of a committed key with the payout, never a 409', async () => {
    const { m, body } = await setup()
    const key = uniqueKey('retries')
    const first = await createPayout(m, body, key)
    expect(first.status).toBe(200)
    const retries = await Promise.all(Array.from({ length: 30 }, () => createPayout(m, body, key)))
    expect(retries.map((r) => r.status)).toEqual(Array(30).fill(200))
    expect(new Set(retries.map((r) => r.body.id))).toEqual(new Set([first.body.id]))
    expect(await payoutCount(m.id)).toBe(1)
    // The record is now remembered by the process (FinishedKeys): another body is still refused.
    const other = await createPayout(m, { ...body, amount: Number(body.amount) + 1 }, key)
    expect(other.status).toBe(400)
    expect(other.body.error.description).toBe('Different request body sent for the same Idempotency Header.')
  })

  it('keeps keys for 7 days of the merchant\'s clock, then purges them', async () => {
    const { m, body } = await setup()
    const key = uniqueKey()
    const first = (await createPayout(m, body, key)).body
    const keys = () =>
      s.store.db.selectFrom('idempotency_keys').select('key').where('merchant_id', '=', m.id).where('scope', '=', 'payout').execute()
    expect(await keys()).toHaveLength(1)

    await advance(m, 7 * 24 * 3600 - 1)
    expect((await createPayout(m, body, key)).body.id).toBe(first.id)
    expect(await keys()).toHaveLength(1)

    await advance(m, 1) // the purge job falls due
    expect(await keys()).toHaveLength(0)
    const second = await createPayout(m, body, key)
    expect(second.status).toBe(200)
    expect(second.body.id).not.toBe(first.id)
    expect(await keys()).toHaveLength(1)
    // Replays now answer the new payout, not the expired record the process remembered.
    expect((await createPayout(m, body, key)).body.id).toBe(second.body.id)
    const jobs = await s.store.db
      .selectFrom('jobs')
      .select(['status', 'run_at'])
      .where('merchant_id', '=', m.id)
      .where('kind', '=', 'payout.idempotency_purge')
      .orderBy('created_at')
      .execute()
    expect(jobs.map((j) => j.status)).toEqual(['done', 'pending'])
  })
})
