/**
 * Authentication (HTTP Basic key_id:key_secret, behaviors.md §6) and merchant isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock/clock.js'
import { AUTH_CACHE_TTL_MS, Authenticator } from '../../src/http/auth.js'
import { createMerchant, rotateKey } from '../../src/domain/merchants/service.js'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import { basic, expectError, NA } from '../support/envelope.js'
import { sdkError, sdkFor, startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'
import { freshTestDb, type TestDb } from '../support/test-db.js'

let s: TestServer
let a: TestMerchant
let b: TestMerchant
beforeAll(async () => {
  s = await startTestServer()
  a = s.merchant
  b = await s.newMerchant()
})
afterAll(() => s.close())

const INVALID_KEY = { description: 'The api key provided is invalid', ...NA }
const AUTH_FAILED = { description: 'Authentication failed', ...NA }

describe('HTTP Basic authentication', () => {
  it('refuses a request without an Authorization header: 401 with the whole envelope', async () => {
    const res = await s.raw('GET', '/v1/orders')
    expectError(res, 401, INVALID_KEY)
  })

  const b64 = () => Buffer.from(`${a.keyId}:${a.keySecret}`).toString('base64')
  const malformed: [string, () => string][] = [
    ['lowercase scheme', () => `basic ${b64()}`],
    ['uppercase scheme', () => `BASIC ${b64()}`],
    ['Bearer scheme', () => `Bearer ${b64()}`],
    ['scheme without credentials', () => 'Basic '],
    ['no space after the scheme', () => `Basic${b64()}`],
    ['not base64', () => 'Basic !!!!$$$$'],
    ['base64 without a colon', () => `Basic ${Buffer.from(a.keyId).toString('base64')}`],
    ['empty key id', () => `Basic ${Buffer.from(`:${a.keySecret}`).toString('base64')}`],
    ['quoted credentials', () => `Basic "${b64()}"`],
  ]
  for (const [name, header] of malformed) {
    it(`refuses a malformed header (${name}) with "The api key provided is invalid"`, async () => {
      expectError(await s.raw('GET', '/v1/orders', { headers: { authorization: header() } }), 401, INVALID_KEY)
    })
  }

  it('refuses an unknown key id, whatever the secret', async () => {
    const res = await s.raw('GET', '/v1/orders', { headers: { authorization: basic('rzp_test_AAAAAAAAAAAAAA', a.keySecret) } })
    expectError(res, 401, INVALID_KEY)
  })

  it('matches key ids exactly (a key id in another case is unknown)', async () => {
    const res = await s.raw('GET', '/v1/orders', { headers: { authorization: basic(a.keyId.toUpperCase(), a.keySecret) } })
    expectError(res, 401, INVALID_KEY)
  })

  it('answers "Authentication failed" for a known key with the wrong secret', async () => {
    for (const secret of ['', 'wrong', a.keySecret.slice(0, -1), a.keySecret + 'x', ` ${a.keySecret}`, b.keySecret]) {
      const res = await s.raw('GET', '/v1/orders', { headers: { authorization: basic(a.keyId, secret) } })
      expectError(res, 401, AUTH_FAILED)
    }
  })

  it('accepts the right pair, on every order endpoint', async () => {
    const auth = { authorization: basic(a.keyId, a.keySecret), 'content-type': 'application/json' }
    const created = await s.raw('POST', '/v1/orders', { body: JSON.stringify({ amount: 1000, currency: 'INR' }), headers: auth })
    expect(created.status).toBe(200)
    const id = created.body.id as string
    expect((await s.raw('GET', `/v1/orders/${id}`, { headers: auth })).status).toBe(200)
    expect((await s.raw('GET', '/v1/orders', { headers: auth })).status).toBe(200)
    expect((await s.raw('PATCH', `/v1/orders/${id}`, { body: '{"notes":{"k":"v"}}', headers: auth })).status).toBe(200)
    expect((await s.raw('GET', `/v1/orders/${id}/payments`, { headers: auth })).status).toBe(200)
  })

  it('authenticates before it validates: a bad body without credentials is a 401, not a 400', async () => {
    const res = await s.raw('POST', '/v1/orders', { body: '{"foo":1}', headers: { 'content-type': 'application/json' } })
    expectError(res, 401, INVALID_KEY)
    const bad = await s.raw('PATCH', '/v1/orders/order_123', { body: '{nope', headers: { 'content-type': 'application/json', authorization: basic(a.keyId, 'x') } })
    expectError(bad, 401, AUTH_FAILED)
  })

  it('leaves GET /health open', async () => {
    const res = await s.raw('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  it('the SDK rejects with {statusCode: 401, error: {...}} for a wrong secret and for an unknown key', async () => {
    const wrongSecret = await sdkError(sdkFor(s.url, a.keyId, 'not-the-secret').orders.all())
    expect(wrongSecret).toEqual({
      statusCode: 401,
      error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed', source: 'NA', step: 'NA', reason: 'NA', metadata: {} },
    })
    const unknownKey = await sdkError(sdkFor(s.url, 'rzp_test_ZZZZZZZZZZZZZZ', 'whatever').orders.create({ amount: 5000, currency: 'INR' }))
    expect(unknownKey).toEqual({
      statusCode: 401,
      error: { code: 'BAD_REQUEST_ERROR', description: 'The api key provided is invalid', source: 'NA', step: 'NA', reason: 'NA', metadata: {} },
    })
  })
})

describe('merchant isolation', () => {
  const DOES_NOT_EXIST = { description: 'The id provided does not exist', field: 'id' }

  it("another merchant's order id does not exist for B: fetch, edit and its payments", async () => {
    const order = await a.rzp.orders.create({ amount: 5000, currency: 'INR', receipt: 'iso-1', notes: { owner: 'a' } })
    expectError(await b.http('GET', `/v1/orders/${order.id}`), 400, DOES_NOT_EXIST)
    expectError(await b.http('PATCH', `/v1/orders/${order.id}`, { notes: { owner: 'b' } }), 400, DOES_NOT_EXIST)
    expectError(await b.http('GET', `/v1/orders/${order.id}/payments`), 400, DOES_NOT_EXIST)
    expect(await sdkError(b.rzp.orders.fetch(order.id))).toEqual({
      statusCode: 400,
      error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist', source: 'business', step: 'payment_initiation', reason: 'input_validation_failed', metadata: {}, field: 'id' },
    })
    // B's edit attempt changed nothing.
    expect((await a.rzp.orders.fetch(order.id)).notes).toEqual({ owner: 'a' })
  })

  it("B's list never contains A's orders, with or without filters", async () => {
    const mine = await a.rzp.orders.create({ amount: 5000, currency: 'INR', receipt: 'iso-2' })
    const theirs = await b.rzp.orders.create({ amount: 7000, currency: 'INR', receipt: 'iso-b' })
    const bList = await b.rzp.orders.all({ count: 100 })
    expect(bList.items.map((o) => o.id)).toContain(theirs.id)
    expect(bList.items.map((o) => o.id)).not.toContain(mine.id)
    expect(bList.items.every((o) => o.amount === 7000)).toBe(true)
    expect((await b.rzp.orders.all({ receipt: 'iso-2' })).items).toEqual([])
    expect((await a.rzp.orders.all({ receipt: 'iso-2' })).items.map((o) => o.id)).toEqual([mine.id])
  })

  it("A's key cannot be used with B's secret", async () => {
    const res = await s.raw('GET', '/v1/orders', { headers: { authorization: basic(a.keyId, b.keySecret) } })
    expectError(res, 401, AUTH_FAILED)
  })
})

describe('Authenticator key cache', () => {
  // The authenticator reads keys from a real store of its own (no HTTP server): a fresh SQLite file,
  // or a fresh PostgreSQL schema in the `postgres` project.
  let testDb: TestDb
  let store: Store
  let now = 1_000_000
  const clockMs = () => now
  beforeAll(async () => {
    testDb = await freshTestDb()
    store = await openStore(testDb.location)
  })
  afterAll(async () => {
    await store?.close()
    await testDb?.drop()
  })

  it('a rotated key keeps working only until the cache TTL runs out; the new key works at once', async () => {
    const auth = new Authenticator(store, clockMs)
    const { merchant, key } = await createMerchant(store, systemClock, {})
    const header = basic(key.keyId, key.keySecret)
    expect((await auth.authenticate(header)).id).toBe(merchant.id)

    const fresh = await rotateKey(store, systemClock, merchant.id)
    expect((await auth.authenticate(basic(fresh.keyId, fresh.keySecret))).id).toBe(merchant.id)
    now += AUTH_CACHE_TTL_MS - 1
    expect((await auth.authenticate(header)).id).toBe(merchant.id) // cached, as documented
    now += 2
    await expect(auth.authenticate(header)).rejects.toMatchObject({ status: 401, body: { description: 'The api key provided is invalid' } })
    // A fresh Authenticator (another process) refuses it immediately.
    await expect(new Authenticator(store, clockMs).authenticate(header)).rejects.toMatchObject({ status: 401 })
  })

  it('a header that passed does not let another secret for the same key through, before or after the TTL', async () => {
    const auth = new Authenticator(store, clockMs)
    const { merchant, key } = await createMerchant(store, systemClock, {})
    const good = basic(key.keyId, key.keySecret)
    expect((await auth.authenticate(good)).id).toBe(merchant.id)
    expect((await auth.authenticate(good)).keySecret).toBe(key.keySecret) // answered from the verified header
    await expect(auth.authenticate(basic(key.keyId, `${key.keySecret}x`))).rejects.toMatchObject({ status: 401, body: { description: 'Authentication failed' } })
    await expect(auth.authenticate(basic(key.keyId, ''))).rejects.toMatchObject({ status: 401 })
    now += AUTH_CACHE_TTL_MS + 1
    await expect(auth.authenticate(basic(key.keyId, key.keySecret.slice(1)))).rejects.toMatchObject({ status: 401 })
    expect((await auth.authenticate(good)).id).toBe(merchant.id)
  })

  it('the TTL is 5 seconds', () => {
    expect(AUTH_CACHE_TTL_MS).toBe(5000)
  })

  it('stays bounded when flooded with unknown key ids', async () => {
    const auth = new Authenticator(store, clockMs)
    for (let i = 0; i < 10_050; i++) {
      await expect(auth.authenticate(basic(`rzp_test_${String(i).padStart(14, '0')}`, 'x'))).rejects.toMatchObject({ status: 401 })
    }
    // White-box: every Map the authenticator keeps must respect the bound (a second, unbounded
    // expiry map used to grow forever).
    const maps = Object.values(auth as unknown as Record<string, unknown>).filter((v): v is Map<unknown, unknown> => v instanceof Map)
    expect(maps.length).toBeGreaterThan(0)
    for (const m of maps) expect(m.size).toBeLessThanOrEqual(10_000)
  }, 60_000) // 10,050 store lookups; PostgreSQL round trips on a loaded machine
})
