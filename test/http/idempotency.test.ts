/** X-Refund-Idempotency through raw HTTP (the SDK cannot send the header). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/harness.js'
import { capturedPayment } from '../support/factories.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const refund = (paymentId: string, body: unknown, key?: string) =>
  s.merchant.http('POST', `/v1/payments/${paymentId}/refund`, body, key === undefined ? {} : { 'X-Refund-Idempotency': key })

describe('X-Refund-Idempotency', () => {
  it('returns the same refund for the same key and body, and refuses a different body', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const first = await refund(pay.id, { amount: 1000 }, 'key-aaaaaaaa-1')
    expect(first.status).toBe(200)
    const again = await refund(pay.id, { amount: 1000 }, 'key-aaaaaaaa-1')
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
    const other = await refund(pay.id, { amount: 2000 }, 'key-aaaaaaaa-1')
    expect(other.status).toBe(409)
    expect(other.body.error).toMatchObject({
      code: 'BAD_REQUEST_ERROR',
      description: 'Different request with the same idempotency key has already been processed.',
    })
    const list = await s.merchant.rzp.payments.fetchMultipleRefund(pay.id, {})
    expect(list.count).toBe(1)
    expect((await s.merchant.rzp.payments.fetch(pay.id)).amount_refunded).toBe(1000)
  })

  it('validates the key format', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const short = await refund(pay.id, { amount: 100 }, 'short')
    expect(short.status).toBe(400)
    expect(short.body.error.description).toBe('The idempotency key must be at least 10 characters long.')
    const bad = await refund(pay.id, { amount: 100 }, 'has spaces in it')
    expect(bad.status).toBe(400)
    expect(bad.body.error.description).toBe('The idempotency key must only contain alphanumeric characters, underscores, and hyphens')
    expect((await s.merchant.rzp.payments.fetch(pay.id)).amount_refunded).toBe(0)
  })

  it('makes exactly one refund under 30 concurrent duplicates (others replay or get 409)', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const results = await Promise.all(Array.from({ length: 30 }, () => refund(pay.id, { amount: 2500 }, 'concurrent-key-01')))
    const ok = results.filter((r) => r.status === 200)
    const conflicts = results.filter((r) => r.status === 409)
    expect(ok.length + conflicts.length).toBe(30)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1)
    for (const c of conflicts) expect(c.body.error.description).toBe('Another request with the same idempotency key is still in progress.')
    expect((await s.merchant.rzp.payments.fetch(pay.id)).amount_refunded).toBe(2500)
  })

  it('does not consume the key when the refund fails, and scopes keys per merchant', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const tooMuch = await refund(pay.id, { amount: 20000 }, 'retry-after-fix')
    expect(tooMuch.status).toBe(400)
    const retried = await refund(pay.id, { amount: 200 }, 'retry-after-fix')
    expect(retried.status).toBe(200)
    expect(retried.body.amount).toBe(200)
    const other = await s.newMerchant()
    const otherPay = await capturedPayment(other, 5000)
    const mine = await refund(pay.id, { amount: 100 }, 'shared-key-123')
    const theirs = await other.http('POST', `/v1/payments/${otherPay.id}/refund`, { amount: 100 }, { 'X-Refund-Idempotency': 'shared-key-123' })
    expect(mine.status).toBe(200)
    expect(theirs.status).toBe(200)
    expect(theirs.body.id).not.toBe(mine.body.id)
  })
})
