/**
 * Request bodies as the SDK and other clients send them (sdk-surface.md §a "Bodies & serialization"):
 * JSON, extended form-urlencoded with bracket notation, and empty bodies with the form type.
 */
import Razorpay from 'razorpay'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../support/envelope.js'
import { startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'

let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer()
  m = s.merchant
})
afterAll(() => s.close())

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const JSON_TYPE = { 'content-type': 'application/json' }
/** An order without what differs between two creates. */
const comparable = (o: Record<string, unknown>) => {
  const { id, created_at, ...rest } = o
  expect(id).toMatch(/^order_[0-9A-Za-z]{14}$/)
  expect(typeof created_at).toBe('number')
  return rest
}

describe('form-urlencoded bodies', () => {
  it('bracket notation creates the same order as JSON', async () => {
    const form = await m.http('POST', '/v1/orders', 'amount=5000&currency=INR&notes[a]=b&partial_payment=true', FORM)
    const json = await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR', notes: { a: 'b' }, partial_payment: true })
    expect(form.status).toBe(200)
    expect(json.status).toBe(200)
    expect(comparable(form.body)).toEqual(comparable(json.body))
    expect(form.body).toMatchObject({ amount: 5000, currency: 'INR', notes: { a: 'b' }, partial_payment: true, status: 'created' })
  })

  it('accepts percent-encoded brackets, + for spaces, and a charset parameter', async () => {
    const body = 'amount=12345&currency=INR&receipt=my+receipt%231&notes%5Bfirst+key%5D=caf%C3%A9'
    const res = await m.http('POST', '/v1/orders', body, { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ amount: 12345, receipt: 'my receipt#1', notes: { 'first key': 'café' } })
  })

  it('nested objects are typed like JSON (numbers and booleans from strings)', async () => {
    const body =
      'amount=5000&currency=INR&partial_payment=1&first_payment_min_amount=1000' +
      '&payment[capture]=automatic&payment[capture_options][automatic_expiry_period]=12&payment[capture_options][refund_speed]=optimum'
    const res = await m.http('POST', '/v1/orders', body, FORM)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ partial_payment: true, first_payment_min_amount: 1000 })
    const off = await m.http('POST', '/v1/orders', 'amount=5000&currency=INR&partial_payment=0', FORM)
    expect(off.status).toBe(200)
    expect(off.body).not.toHaveProperty('partial_payment')
  })

  it('form validation errors read like JSON ones', async () => {
    expectError(await m.http('POST', '/v1/orders', 'amount=99&currency=INR', FORM), 400, { description: 'The amount must be at least INR 1.00', field: 'amount' })
    expectError(await m.http('POST', '/v1/orders', 'amount=&currency=INR', FORM), 400, { description: 'The amount field is required.', field: 'amount' })
    expectError(await m.http('POST', '/v1/orders', 'amount=5000&currency=INR&foo[bar]=1', FORM), 400, {
      description: 'foo is/are not required and should not be sent',
      reason: 'extra_field_sent',
      field: 'foo',
    })
  })

  it('a __proto__ key in a form body is dropped, not merged into anything', async () => {
    const res = await m.http('POST', '/v1/orders', 'amount=5000&currency=INR&__proto__[receipt]=evil&notes[__proto__][x]=1', FORM)
    expect(res.status).toBe(200)
    expect(res.body.receipt).toBeNull()
    expect(res.body.notes).toEqual([])
    expect(({} as Record<string, unknown>).receipt).toBeUndefined()
  })
})

describe('empty bodies', () => {
  it('an empty form body on PATCH is {} and gets the validation error, not a parse error', async () => {
    const order = (await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR' })).body
    expectError(await m.http('PATCH', `/v1/orders/${order.id}`, '', FORM), 400, { description: 'The notes field is required.', field: 'notes' })
  })

  it('an empty body on POST /v1/orders is {} whatever the declared type', async () => {
    const required = { description: 'The amount field is required.', field: 'amount' }
    expectError(await m.http('POST', '/v1/orders', '', FORM), 400, required)
    expectError(await m.http('POST', '/v1/orders', '', JSON_TYPE), 400, required)
    expectError(await m.http('POST', '/v1/orders', '   ', JSON_TYPE), 400, required)
    expectError(await m.http('POST', '/v1/orders', '', { 'content-type': 'text/plain' }), 400, required)
  })

  it('no body and no content type at all is {} too', async () => {
    expectError(await m.http('POST', '/v1/orders'), 400, { description: 'The amount field is required.', field: 'amount' })
    const order = (await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR' })).body
    expectError(await m.http('PATCH', `/v1/orders/${order.id}`), 400, { description: 'The notes field is required.', field: 'notes' })
  })

  it('a body-less form POST to an unknown path is still URL-not-found', async () => {
    const res = await m.http('POST', '/v1/orders/order_00000000000000/rto_review', '', FORM)
    expectError(res, 400, { description: 'The requested URL was not found on the server.', source: 'NA', step: 'NA', reason: 'NA' })
  })
})

describe('JSON bodies', () => {
  it('content type matching is case-insensitive and ignores parameters', async () => {
    const res = await m.http('POST', '/v1/orders', JSON.stringify({ amount: 5000, currency: 'INR' }), { 'content-type': 'Application/JSON; charset=utf-8' })
    expect(res.status).toBe(200)
  })

  it('a JSON "__proto__" key is an unknown field, and a note named __proto__ is kept as data', async () => {
    const res = await m.http('POST', '/v1/orders', '{"amount":5000,"currency":"INR","__proto__":{"x":1}}', JSON_TYPE)
    expectError(res, 400, { description: '__proto__ is/are not required and should not be sent', reason: 'extra_field_sent', field: '__proto__' })
    const ok = await m.http('POST', '/v1/orders', '{"amount":5000,"currency":"INR","notes":{"__proto__":"x","a":"b"}}', JSON_TYPE)
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('"notes":{"__proto__":"x","a":"b"}')
    const fetched = await m.http('GET', `/v1/orders/${ok.body.id}`)
    expect(fetched.text).toContain('"notes":{"__proto__":"x","a":"b"}')
  })
})

describe('the SDK with a form Content-Type header', () => {
  // sdk-surface.md: with headers {'Content-Type': 'application/x-www-form-urlencoded'} axios
  // form-encodes bodies in bracket notation and GETs carry that content type too.
  let rzp: Razorpay
  const sent: { method: string; data: unknown }[] = []
  beforeAll(() => {
    rzp = new Razorpay({ key_id: m.keyId, key_secret: m.keySecret, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    type Axios = {
      defaults: { baseURL: string; proxy: unknown }
      interceptors: { response: { use: (f: (r: { config: { method: string; data: unknown } }) => unknown) => void } }
    }
    const rq = (rzp as unknown as { api: { rq: Axios } }).api.rq
    rq.defaults.baseURL = s.url
    rq.defaults.proxy = false
    rq.interceptors.response.use((r) => {
      sent.push({ method: r.config.method, data: r.config.data })
      return r
    })
  })

  it('creates, fetches, lists and edits orders', async () => {
    const order = await rzp.orders.create({ amount: 5000, currency: 'INR', receipt: 'form-1', notes: { a: 'b', c: 'd' }, partial_payment: true, first_payment_min_amount: 1000 })
    expect(order).toMatchObject({ amount: 5000, receipt: 'form-1', notes: { a: 'b', c: 'd' }, partial_payment: true, first_payment_min_amount: 1000 })
    expect(await rzp.orders.fetch(order.id)).toEqual(order)
    expect((await rzp.orders.all({ receipt: 'form-1' })).items.map((o) => o.id)).toEqual([order.id])
    const edited = await rzp.orders.edit(order.id, { notes: { only: 'this' } })
    expect(edited.notes).toEqual({ only: 'this' })
    // What went over the wire really was bracket-notation form data, not JSON.
    const bodies = sent.filter((r) => r.method === 'post' || r.method === 'patch').map((r) => decodeURIComponent(String(r.data)))
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toContain('notes[a]=b')
    expect(bodies[0]).toContain('partial_payment=true')
    expect(bodies[1]).toBe('notes[only]=this')
  })
})

describe('integers past the safe range', () => {
  // JSON-schema's `integer` accepts 1e20; Laravel's `integer` rule (filter_var) does not.
  it.each([
    ['JSON, top level', 'POST', '/v1/items', { name: 'Huge', amount: 1e20, currency: 'INR' }, JSON_TYPE, 'amount'],
    ['JSON, negative', 'POST', '/v1/items', { name: 'Huge', amount: -1e20, currency: 'INR' }, JSON_TYPE, 'amount'],
    ['a form body (coerced from text)', 'POST', '/v1/orders', 'amount=100000000000000000000&currency=INR', FORM, 'amount'],
    ['nested, in an array', 'POST', '/v1/invoices', { type: 'invoice', line_items: [{ name: 'x', amount: 1000 }, { name: 'y', amount: 1e21 }] }, JSON_TYPE, 'line_items[1][amount]'],
  ])('%s: "The <field> must be an integer."', async (_name, method, path, body, headers, field) => {
    const before = (await m.http('GET', '/v1/items')).body.count
    expectError(await m.http(method, path, body, headers), 400, { description: `The ${field} must be an integer.`, field })
    expect((await m.http('GET', '/v1/items')).body.count).toBe(before)
  })

  it.each(['0x1000', '1e4', '5000.0', '0b1010', ' 12 34 ', 'Infinity'])('the text %j is not an integer (JSON or form), though JavaScript reads it as a number', async (text) => {
    expectError(await m.http('POST', '/v1/orders', { amount: text, currency: 'INR' }), 400, { description: 'The amount must be an integer.', field: 'amount' })
    expectError(await m.http('POST', '/v1/orders', `amount=${encodeURIComponent(text)}&currency=INR`, FORM), 400, { description: 'The amount must be an integer.', field: 'amount' })
  })

  it('decimal digits as text still count, and booleans written as text still do where a field takes either', async () => {
    const o = await m.http('POST', '/v1/orders', 'amount=5000&currency=INR&partial_payment=true&payment_capture=1', FORM)
    expect(o.status).toBe(200)
    expect(o.body).toMatchObject({ amount: 5000, partial_payment: true })
    expect((await m.http('POST', '/v1/orders', { amount: ' 6000 ', currency: 'INR' })).body.amount).toBe(6000)
  })

  it('takes the largest safe integer where the schema does (the service then applies its own limits)', async () => {
    const res = await m.http('POST', '/v1/items', { name: 'Big', amount: Number.MAX_SAFE_INTEGER, currency: 'INR' })
    expect(res.status).toBe(200)
    expect(res.body.amount).toBe(Number.MAX_SAFE_INTEGER)
  })
})
