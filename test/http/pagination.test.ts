/** Collections: count, skip, from/to and their errors (behaviors.md §11), unit and over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/http/errors.js'
import { collection, parsePage } from '../../src/http/pagination.js'
import { expectError } from '../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'

function pageError(q: Record<string, unknown>): { description: string; field?: string } {
  try {
    parsePage(q)
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    const body = (e as ApiError).body
    expect((e as ApiError).status).toBe(400)
    return { description: body.description, field: body.field }
  }
  throw new Error(`expected ${JSON.stringify(q)} to be refused`)
}

describe('parsePage', () => {
  it('defaults to count 10, skip 0, no range', () => {
    expect(parsePage({})).toEqual({ count: 10, skip: 0, from: null, to: null })
    expect(parsePage({ count: '', skip: '' })).toEqual({ count: 10, skip: 0, from: null, to: null })
  })

  it('count goes from 1 to 100', () => {
    expect(parsePage({ count: '1' }).count).toBe(1)
    expect(parsePage({ count: '100' }).count).toBe(100)
    expect(pageError({ count: '101' })).toEqual({ description: 'The count may not be greater than 100', field: 'count' })
    expect(pageError({ count: '0' }).field).toBe('count')
    expect(pageError({ count: '-5' }).field).toBe('count')
  })

  it('a non-integer count, skip, from or to is "The <name> must be an integer."', () => {
    for (const name of ['count', 'skip', 'from', 'to']) {
      for (const v of ['abc', '1.5', '1e2', ' 5', '0x10', '10abc', ['1', '2'], '99999999999999999999999']) {
        expect(pageError({ [name]: v }), `${name}=${String(v)}`).toEqual({ description: `The ${name} must be an integer.`, field: name })
      }
    }
    expect(parsePage({ count: '5.0' }).count).toBe(5)
  })

  it('skip is at least 0', () => {
    expect(parsePage({ skip: '250' }).skip).toBe(250)
    expect(pageError({ skip: '-1' }).field).toBe('skip')
  })

  it('from and to must lie in [946684800, 4765046400]', () => {
    expect(parsePage({ from: '946684800', to: '4765046400' })).toMatchObject({ from: 946684800, to: 4765046400 })
    expect(pageError({ from: '946684799' })).toEqual({ description: 'from must be between 946684800 and 4765046400', field: 'from' })
    expect(pageError({ from: '4765046401' })).toEqual({ description: 'from must be between 946684800 and 4765046400', field: 'from' })
    expect(pageError({ to: '1' })).toEqual({ description: 'to must be between 946684800 and 4765046400', field: 'to' })
    expect(pageError({ from: '1700000001', to: '1700000000' }).field).toBe('from')
  })

  it('collection() counts the items it returns', () => {
    expect(collection([1, 2, 3])).toEqual({ entity: 'collection', count: 3, items: [1, 2, 3] })
    expect(collection([])).toEqual({ entity: 'collection', count: 0, items: [] })
  })
})

describe('GET /v1/orders pagination', () => {
  const T0 = 1_700_000_000
  let now = T0
  let s: TestServer
  let m: TestMerchant
  /** 25 orders, newest first; two per second for the last 6, so ties on created_at occur. */
  let all: { id: string; created_at: number }[] = []

  beforeAll(async () => {
    s = await startTestServer({ realNow: () => now })
    m = s.merchant
    const made: { id: string; created_at: number }[] = []
    for (let i = 0; i < 25; i++) {
      if (i < 19 || i % 2 === 1) now += 1
      const o = await m.rzp.orders.create({ amount: 100 + i, currency: 'INR', receipt: `p-${i}` })
      made.push({ id: o.id, created_at: o.created_at })
    }
    all = made.reverse()
  })
  afterAll(() => s.close())

  const ids = (r: { items: { id: string }[] }) => r.items.map((o) => o.id)

  it('defaults to the 10 newest, newest first, with count = items returned', async () => {
    const res = await m.http('GET', '/v1/orders')
    expect(res.status).toBe(200)
    expect(res.body.entity).toBe('collection')
    expect(res.body.count).toBe(10)
    expect(ids(res.body)).toEqual(all.slice(0, 10).map((o) => o.id))
  })

  it('count=100 returns everything, count reflecting the 25 items', async () => {
    const res = await m.http('GET', '/v1/orders?count=100')
    expect(res.body.count).toBe(25)
    expect(ids(res.body)).toEqual(all.map((o) => o.id))
    const created = res.body.items.map((o: { created_at: number }) => o.created_at)
    expect([...created].sort((a, b) => b - a)).toEqual(created)
  })

  it('pages with skip neither overlap nor leave gaps', async () => {
    const seen: string[] = []
    for (let skip = 0; skip < 30; skip += 7) {
      const res = await m.http('GET', `/v1/orders?count=7&skip=${skip}`)
      expect(res.body.count).toBe(res.body.items.length)
      seen.push(...ids(res.body))
    }
    expect(seen).toEqual(all.map((o) => o.id))
    expect((await m.http('GET', '/v1/orders?skip=25')).body).toEqual({ entity: 'collection', count: 0, items: [] })
  })

  it('from and to filter on created_at, both inclusive', async () => {
    const from = T0 + 5
    const to = T0 + 9
    const res = await m.http('GET', `/v1/orders?count=100&from=${from}&to=${to}`)
    const expected = all.filter((o) => o.created_at >= from && o.created_at <= to)
    expect(expected.length).toBe(5)
    expect(ids(res.body)).toEqual(expected.map((o) => o.id))
    expect(ids((await m.http('GET', `/v1/orders?count=100&from=${all[0].created_at}`)).body)).toEqual(all.filter((o) => o.created_at === all[0].created_at).map((o) => o.id))
  })

  it('errors over HTTP carry the envelope', async () => {
    expectError(await m.http('GET', '/v1/orders?count=101'), 400, { description: 'The count may not be greater than 100', field: 'count' })
    expectError(await m.http('GET', '/v1/orders?count=ten'), 400, { description: 'The count must be an integer.', field: 'count' })
    expectError(await m.http('GET', '/v1/orders?from=1'), 400, { description: 'from must be between 946684800 and 4765046400', field: 'from' })
    expectError(await m.http('GET', '/v1/orders?skip=99999999999999999999999'), 400, { description: 'The skip must be an integer.', field: 'skip' })
  })

  it('through the SDK (which always sends count and skip)', async () => {
    const page = await m.rzp.orders.all({ count: 5, skip: 5 })
    expect(page.count).toBe(5)
    expect(ids(page)).toEqual(all.slice(5, 10).map((o) => o.id))
    const ranged = await m.rzp.orders.all({ from: T0 + 1, to: T0 + 3 })
    expect(ids(ranged)).toEqual(all.filter((o) => o.created_at <= T0 + 3).map((o) => o.id))
    expect(await sdkError(m.rzp.orders.all({ count: 101 }))).toMatchObject({
      statusCode: 400,
      error: { code: 'BAD_REQUEST_ERROR', description: 'The count may not be greater than 100', field: 'count' },
    })
  })
})
