/**
 * The error envelope and Razorpay's error texts for routing, validation and body framing
 * (behaviors.md §6), and the promise that no input yields a 500 or a partial write.
 */
import Fastify from 'fastify'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from '../../src/http/error-handler.js'
import { expectError, expectSomeEnvelope, NA, VALIDATION } from '../support/envelope.js'
import { startTestServer, type RawResponse, type TestMerchant, type TestServer } from '../support/harness.js'

let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer()
  m = s.merchant
})
afterAll(() => s.close())

const URL_NOT_FOUND = { description: 'The requested URL was not found on the server.', ...NA }
const post = (body: unknown) => m.http('POST', '/v1/orders', body)

describe('routing', () => {
  it.each([
    ['GET', '/v1/nothing'],
    ['GET', '/v1/orderz'],
    ['GET', '/v2/orders'],
    ['GET', '/'],
    ['POST', '/v1/orders/order_00000000000000/unknown'],
  ])('unknown route %s %s → 400 URL not found', async (method, path) => {
    expectError(await m.http(method, path), 400, URL_NOT_FOUND)
  })

  it.each([
    ['DELETE', '/v1/orders'],
    ['PUT', '/v1/orders'],
    ['PUT', '/v1/orders/order_00000000000000'],
    ['POST', '/v1/orders/order_00000000000000'],
    ['DELETE', '/v1/orders/order_00000000000000'],
    ['POST', '/v1/orders/order_00000000000000/payments'],
  ])('wrong method on a known path %s %s → 400 URL not found', async (method, path) => {
    expectError(await m.http(method, path), 400, URL_NOT_FOUND)
  })

  it('an unknown route answers the same without credentials', async () => {
    expectError(await s.raw('GET', '/v1/nothing'), 400, URL_NOT_FOUND)
  })
})

describe('validation errors on POST /v1/orders', () => {
  it('an unknown field is refused with extra_field_sent', async () => {
    expectError(await post({ amount: 5000, currency: 'INR', foo: 'bar' }), 400, {
      description: 'foo is/are not required and should not be sent',
      reason: 'extra_field_sent',
      field: 'foo',
    })
  })

  it('several unknown fields are all named; nested ones in bracket notation', async () => {
    const res = await post({ amount: 5000, currency: 'INR', foo: 1, bar: 2 })
    expect(res.status).toBe(400)
    expect(res.body.error.description).toMatch(/^(foo, bar|bar, foo) is\/are not required and should not be sent$/)
    expectError(await post({ amount: 5000, currency: 'INR', payment: { capture: 'manual', speed: 'x' } }), 400, {
      description: 'payment[speed] is/are not required and should not be sent',
      reason: 'extra_field_sent',
      field: 'payment[speed]',
    })
  })

  it('a missing amount or currency is "The <field> field is required."', async () => {
    expectError(await post({ currency: 'INR' }), 400, { description: 'The amount field is required.', field: 'amount' })
    expectError(await post({ amount: 5000 }), 400, { description: 'The currency field is required.', field: 'currency' })
  })

  it('null or empty required fields count as missing (Laravel `required`)', async () => {
    expectError(await post({ amount: null, currency: 'INR' }), 400, { description: 'The amount field is required.', field: 'amount' })
    expectError(await post({ amount: 5000, currency: null }), 400, { description: 'The currency field is required.', field: 'currency' })
    expectError(await post({ amount: '', currency: 'INR' }), 400, { description: 'The amount field is required.', field: 'amount' })
  })

  it('amount below 100 subunits: exact envelope', async () => {
    for (const amount of [99, 1, 0, -100]) {
      expectError(await post({ amount, currency: 'INR' }), 400, {
        description: 'The amount must be at least INR 1.00',
        field: 'amount',
        ...VALIDATION,
      })
    }
    expect((await post({ amount: 100, currency: 'INR' })).status).toBe(200)
  })

  it('a non-integer amount is "The amount must be an integer."', async () => {
    for (const amount of [100.5, '100.5', 'abc', {}, [], [1, 2]]) {
      expectError(await post({ amount, currency: 'INR' }), 400, { description: 'The amount must be an integer.', field: 'amount' })
    }
  })

  it('an amount past the maximum is refused on field amount', async () => {
    const res = await post({ amount: 50_000_000_01, currency: 'INR' })
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('amount')
  })

  it('an unsupported currency is refused on field currency', async () => {
    const res = await post({ amount: 5000, currency: 'XYZ' })
    expectError(res, 400, { description: 'The currency is invalid.', field: 'currency' })
  })

  it('receipt: 40 characters pass, 41 are refused', async () => {
    expect((await post({ amount: 5000, currency: 'INR', receipt: 'r'.repeat(40) })).status).toBe(200)
    expectError(await post({ amount: 5000, currency: 'INR', receipt: 'r'.repeat(41) }), 400, {
      description: 'The receipt may not be greater than 40 characters.',
      field: 'receipt',
    })
  })

  it('notes: 15 keys and 256-character values pass; 16 keys, 257 characters or nested values are refused on field notes', async () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]))
    expect((await post({ amount: 5000, currency: 'INR', notes: keys(15) })).status).toBe(200)
    expect((await post({ amount: 5000, currency: 'INR', notes: { a: 'x'.repeat(256) } })).status).toBe(200)
    for (const notes of [keys(16), { a: 'x'.repeat(257) }, { a: { b: 'c' } }, 'text', ['a']]) {
      const res = await post({ amount: 5000, currency: 'INR', notes })
      expect(res.status, JSON.stringify(notes).slice(0, 80)).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', field: 'notes', ...VALIDATION })
    }
  })
})

describe('malformed and unknown ids', () => {
  it('"<id> is not a valid id" for a malformed id, on every order route', async () => {
    for (const id of ['order_123', 'pay_00000000000000', 'order_0000000000000!', 'x']) {
      const e = { description: `${id} is not a valid id`, field: 'id' }
      expectError(await m.http('GET', `/v1/orders/${encodeURIComponent(id)}`), 400, e)
      expectError(await m.http('PATCH', `/v1/orders/${encodeURIComponent(id)}`, { notes: {} }), 400, e)
      expectError(await m.http('GET', `/v1/orders/${encodeURIComponent(id)}/payments`), 400, e)
    }
  })

  it('"The id provided does not exist" for a well-formed unknown id', async () => {
    expectError(await m.http('GET', '/v1/orders/order_00000000000000'), 400, { description: 'The id provided does not exist', field: 'id' })
  })
})

describe('body framing', () => {
  it('invalid JSON is a 400 in the envelope', async () => {
    for (const text of ['{bad', '{"amount":', '[1,2]', '"str"', '42', 'null', 'true']) {
      const res = await m.http('POST', '/v1/orders', text, { 'content-type': 'application/json' })
      expectError(res, 400, { description: 'The request body is not valid JSON.', ...NA })
    }
  })

  it('a body over 1 MB is a 413 in the envelope, JSON or form', async () => {
    const big = JSON.stringify({ amount: 5000, currency: 'INR', receipt: 'x'.repeat(1024 * 1024) })
    const e = { description: 'The request body is too large: the limit is 1048576 bytes.', ...NA }
    expectError(await m.http('POST', '/v1/orders', big, { 'content-type': 'application/json' }), 413, e)
    expectError(await m.http('POST', '/v1/orders', `amount=5000&receipt=${'x'.repeat(1024 * 1024)}`, { 'content-type': 'application/x-www-form-urlencoded' }), 413, e)
  })

  it('an unsupported content type with a body is a 415 in the envelope', async () => {
    const res = await m.http('POST', '/v1/orders', 'amount=5000', { 'content-type': 'text/plain' })
    expect(res.status).toBe(415)
    expectSomeEnvelope(res)
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', ...NA })
    // The message names the media type without its parameters (a multipart boundary is noise).
    const multipart = await m.http('POST', '/v1/orders', '--b\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' })
    expect(multipart.status).toBe(415)
    expect(multipart.body.error.description).toBe('Content type multipart/form-data is not supported; send application/json or application/x-www-form-urlencoded.')
  })

  it('a URL with no route is "not found" whatever its body (an upload to an endpoint not served)', async () => {
    const upload = await m.http('POST', '/v1/documents', '--b\r\ncontent-disposition: form-data; name="purpose"\r\n\r\ndispute_evidence\r\n--b--\r\n', {
      'content-type': 'multipart/form-data; boundary=b',
    })
    expect(upload.status).toBe(400)
    expect(upload.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: 'The requested URL was not found on the server.' })
  })

  it('payment downtimes and QR codes (not served) are "not found", not malformed payment ids', async () => {
    for (const path of ['/v1/payments/downtimes', '/v1/payments/qr_codes', '/v1/payments/qr_codes?customer_id=cust_00000000000001']) {
      const res = await m.http('GET', path)
      expect(res.status, path).toBe(400)
      expect(res.body.error.description, path).toBe('The requested URL was not found on the server.')
    }
    expect((await m.http('GET', '/v1/payments/pay_x')).body.error.description).toBe('pay_x is not a valid id')
  })

  it('refused requests write nothing', async () => {
    const fresh = await s.newMerchant()
    const bad: unknown[] = [{ amount: 99, currency: 'INR' }, { amount: 5000 }, { amount: 5000, currency: 'INR', foo: 1 }, { amount: 5000, currency: 'INR', notes: { a: { b: 1 } } }]
    for (const body of bad) expect((await fresh.http('POST', '/v1/orders', body)).status).toBe(400)
    expect((await fresh.http('POST', '/v1/orders', '{x', { 'content-type': 'application/json' })).status).toBe(400)
    expect((await fresh.http('GET', '/v1/orders')).body).toEqual({ entity: 'collection', count: 0, items: [] })
  })
})

describe('no input yields a 500 (property tests)', () => {
  const okOr4xx = (res: RawResponse) => {
    expect(res.status === 200 || (res.status >= 400 && res.status < 500), `status ${res.status}: ${res.text.slice(0, 300)}`).toBe(true)
    if (res.status !== 200) expectSomeEnvelope(res)
  }
  const fieldNames = fc.constantFrom('amount', 'currency', 'receipt', 'notes', 'partial_payment', 'first_payment_min_amount', 'payment_capture', 'payment', 'capture', 'capture_options', '__proto__', 'constructor', 'foo')
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.integer(),
      fc.integer({ min: 100, max: 10_000_000 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 50 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('INR', 'USD', 'JPY', 'automatic', 'manual', 'optimum', '1', '0', 'true', ''),
    ),
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 4 }),
    object: fc.dictionary(fc.oneof(fieldNames, fc.string({ maxLength: 10 })), tie('node'), { maxKeys: 6 }),
  }))
  const orderBody = fc.oneof(
    value.object,
    // Mostly-valid bodies reach deeper validation paths.
    fc.record(
      {
        amount: value.node,
        currency: fc.oneof(fc.constant('INR'), value.leaf),
        receipt: value.node,
        notes: value.node,
        partial_payment: value.node,
        first_payment_min_amount: value.node,
        payment_capture: value.node,
        payment: fc.oneof(value.node, fc.record({ capture: value.node, capture_options: value.node }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    ),
  )

  it('POST /v1/orders with random JSON objects answers 200 or 4xx with the envelope', async () => {
    await fc.assert(
      fc.asyncProperty(orderBody, async (body) => {
        const res = await m.http('POST', '/v1/orders', JSON.stringify(body), { 'content-type': 'application/json' })
        okOr4xx(res)
        if (res.status === 200) {
          expect(res.body.entity).toBe('order')
          expect(res.body.amount_paid + res.body.amount_due).toBe(res.body.amount)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('PATCH /v1/orders/:id with random JSON objects answers 200 or 4xx with the envelope', async () => {
    const order = (await post({ amount: 5000, currency: 'INR' })).body
    await fc.assert(
      fc.asyncProperty(fc.oneof(value.object, fc.record({ notes: value.node })), async (body) => {
        okOr4xx(await m.http('PATCH', `/v1/orders/${order.id}`, JSON.stringify(body), { 'content-type': 'application/json' }))
      }),
      { numRuns: 200 },
    )
  })

  it('random raw strings as JSON or form bodies answer 200 or 4xx', async () => {
    const order = (await post({ amount: 5000, currency: 'INR' })).body
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
        fc.constantFrom('POST /v1/orders', `PATCH /v1/orders/${order.id}`),
        async (text, type, route) => {
          const [method, path] = route.split(' ')
          okOr4xx(await m.http(method, path, text, { 'content-type': type }))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('random bracket-notation form bodies answer 200 or 4xx', async () => {
    const key = fc.oneof(
      fc.constantFrom('amount', 'currency', 'receipt', 'notes[a]', 'notes[]', 'notes[a][b]', 'payment[capture]', 'payment[capture_options][automatic_expiry_period]', 'partial_payment', 'first_payment_min_amount', '__proto__[x]', 'amount[]', 'amount[0]'),
      fc.string({ maxLength: 12 }),
    )
    const pair = fc.tuple(key, fc.oneof(fc.constantFrom('5000', 'INR', '1', 'true', 'automatic', '12', ''), fc.string({ maxLength: 12 })))
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 8 }), async (pairs) => {
        const body = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
        okOr4xx(await m.http('POST', '/v1/orders', body, { 'content-type': 'application/x-www-form-urlencoded' }))
      }),
      { numRuns: 200 },
    )
  })

  it('random query strings on GET /v1/orders answer 200 or 4xx', async () => {
    const name = fc.oneof(fc.constantFrom('count', 'skip', 'from', 'to', 'authorized', 'receipt', 'expand[]', 'expand[expand]', 'expand[expand][0]', 'count[]', 'skip[a]'), fc.string({ maxLength: 8 }))
    const val = fc.oneof(fc.integer().map(String), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String), fc.double().map(String), fc.constantFrom('payments', 'payments.card', 'transfers', '1', '0', ''), fc.string({ maxLength: 10 }))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, val), { maxLength: 5 }), async (pairs) => {
        const q = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
        const res = await m.http('GET', `/v1/orders?${q}`)
        okOr4xx(res)
        if (res.status === 200) expect(res.body.count).toBe(res.body.items.length)
      }),
      { numRuns: 200 },
    )
  })
})

describe('framework-level refusals', () => {
  // The router refuses some URLs before any route or error handler runs. Fastify only lets the
  // constructor (src/app.ts) route those through a handler: app.ts passes frameworkErrorHandler
  // and clientErrorHandler from src/http/error-handler.ts, so these answer in the envelope too.
  it('an id longer than 100 characters answers in the envelope', async () => {
    const res = await m.http('GET', `/v1/orders/${'a'.repeat(150)}`)
    expect(res.status).toBe(400)
    expectSomeEnvelope(res)
  })

  it('a path that is not valid percent-encoding answers in the envelope', async () => {
    const res = await m.http('GET', '/v1/orders/%E0%A4%A')
    expect(res.status).toBe(400)
    expectSomeEnvelope(res)
  })

  it('the exported handlers produce the envelope when wired into Fastify', async () => {
    const app = Fastify({ frameworkErrors: frameworkErrorHandler, clientErrorHandler })
    installErrorHandling(app)
    app.get('/v1/orders/:id', async () => ({ ok: true }))
    await app.listen({ host: '127.0.0.1', port: 0 })
    try {
      const addr = app.server.address()
      const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
      for (const path of [`/v1/orders/${'a'.repeat(150)}`, '/v1/orders/%E0%A4%A']) {
        const res = await fetch(url + path)
        expect(res.status).toBe(400)
        expect(await res.json()).toEqual({
          error: { code: 'BAD_REQUEST_ERROR', description: 'The requested URL was not found on the server.', source: 'NA', step: 'NA', reason: 'NA', metadata: {} },
        })
      }
      const huge = await fetch(`${url}/v1/orders/x?q=${'a'.repeat(20_000)}`)
      expect(huge.status).toBe(431)
      expect(await huge.json()).toEqual({
        error: { code: 'BAD_REQUEST_ERROR', description: 'The request headers or URL are too large.', source: 'NA', step: 'NA', reason: 'NA', metadata: {} },
      })
    } finally {
      await app.close()
    }
  })
})
