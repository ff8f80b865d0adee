import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './support/harness.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

describe('orders through the SDK', () => {
  it('creates and fetches an order', async () => {
    const o = await s.merchant.rzp.orders.create({ amount: 5000, currency: 'INR', receipt: 'r1', notes: { a: 'b' } })
    expect(o).toMatchObject({ entity: 'order', amount: 5000, amount_due: 5000, amount_paid: 0, status: 'created', attempts: 0 })
    const f = await s.merchant.rzp.orders.fetch(o.id)
    expect(f).toEqual(o)
    const list = await s.merchant.rzp.orders.all({ count: 5 })
    expect(list.items[0].id).toBe(o.id)
  })
})
