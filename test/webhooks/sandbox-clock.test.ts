/**
 * The sandbox clock API (GET/POST /_sandbox/clock): authenticated like /v1, per merchant, forward
 * only, advance_by a positive integer of at most two years; off (404) without the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/harness.js'
import { expectError, NA } from '../support/envelope.js'
import { MAX_ADVANCE_SECONDS } from '../../src/sandbox/clock-routes.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(async () => {
  await s.close()
})

describe('GET /_sandbox/clock', () => {
  it('answers the merchant\'s now, close to real time before any advance', async () => {
    const res = await s.merchant.http('GET', '/_sandbox/clock')
    expect(res.status).toBe(200)
    expect(Object.keys(res.body)).toEqual(['now'])
    expect(Math.abs(res.body.now - Math.floor(Date.now() / 1000))).toBeLessThanOrEqual(2)
  })

  it('requires the merchant\'s key pair', async () => {
    expectError(await s.raw('GET', '/_sandbox/clock'), 401, { description: 'The api key provided is invalid', ...NA })
  })
})

describe('POST /_sandbox/clock', () => {
  it('moves one merchant\'s clock forward and leaves the others alone', async () => {
    const a = await s.newMerchant()
    const b = await s.newMerchant()
    const before = (await a.http('GET', '/_sandbox/clock')).body.now
    const res = await a.http('POST', '/_sandbox/clock', { advance_by: 3 * 86400 })
    expect(res.status).toBe(200)
    expect(Object.keys(res.body)).toEqual(['now'])
    expect(res.body.now - before).toBeGreaterThanOrEqual(3 * 86400)
    expect(res.body.now - before).toBeLessThanOrEqual(3 * 86400 + 2)
    expect((await a.http('GET', '/_sandbox/clock')).body.now).toBeGreaterThanOrEqual(res.body.now)
    expect(Math.abs((await b.http('GET', '/_sandbox/clock')).body.now - before)).toBeLessThanOrEqual(2)
    // entities created afterwards carry the merchant's time
    const order: any = await a.rzp.orders.create({ amount: 10000, currency: 'INR' })
    expect(order.created_at).toBeGreaterThanOrEqual(res.body.now)
  })

  it('accepts exactly two years', async () => {
    const m = await s.newMerchant()
    expect((await m.http('POST', '/_sandbox/clock', { advance_by: MAX_ADVANCE_SECONDS })).status).toBe(200)
  })

  const invalid = `advance_by must be a positive integer number of seconds, at most ${MAX_ADVANCE_SECONDS} (two years).`
  it.each([
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['"abc"', 'abc'],
    ['"60" (a string)', '60'],
    ['more than two years', MAX_ADVANCE_SECONDS + 1],
    ['an absurd number', 1e300],
  ])('refuses advance_by %s with a 400 envelope', async (_name, value) => {
    const m = await s.newMerchant()
    const before = (await m.http('GET', '/_sandbox/clock')).body.now
    expectError(await m.http('POST', '/_sandbox/clock', { advance_by: value }), 400, { description: invalid, field: 'advance_by' })
    expect((await m.http('GET', '/_sandbox/clock')).body.now - before).toBeLessThanOrEqual(2)
  })

  it('refuses a missing advance_by and unknown fields', async () => {
    const m = s.merchant
    expectError(await m.http('POST', '/_sandbox/clock', {}), 400, { description: 'The advance_by field is required.', field: 'advance_by' })
    expectError(await m.http('POST', '/_sandbox/clock', { advance_by: null }), 400, { description: 'The advance_by field is required.', field: 'advance_by' })
    expectError(await m.http('POST', '/_sandbox/clock', { advance_by: 1, to: 5 }), 400, {
      description: 'to is/are not required and should not be sent',
      field: 'to',
      reason: 'extra_field_sent',
    })
  })
})

describe('sandbox on, unknown path', () => {
  it('answers 404 for a /_sandbox/ path or method it does not have, without saying the sandbox is off', async () => {
    for (const [method, path] of [
      ['POST', '/_sandbox/nothing'],
      ['DELETE', '/_sandbox/clock'],
    ]) {
      const res = await s.merchant.http(method, path)
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: 'The requested URL was not found on the server.', ...NA })
    }
    // /v1 keeps Razorpay's answer to an unknown URL: 400.
    expect((await s.merchant.http('POST', '/v1/nothing')).status).toBe(400)
  })
})

describe('sandbox off', () => {
  it('answers 404 on /_sandbox/* and keeps /v1', async () => {
    const off = await startTestServer({ sandbox: false })
    try {
      const m = off.merchant
      for (const [method, path] of [
        ['GET', '/_sandbox/clock'],
        ['POST', '/_sandbox/clock'],
        ['GET', '/_sandbox/webhook_deliveries'],
        ['POST', '/_sandbox/events/evt_00000000000000/redeliver'],
      ]) {
        const res = await m.http(method, path, method === 'POST' ? { advance_by: 60 } : undefined)
        expect(res.status, `${method} ${path}`).toBe(404)
        expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', ...NA })
      }
      expect((await m.http('GET', '/v1/webhooks')).status).toBe(200)
    } finally {
      await off.close()
    }
  })
})
