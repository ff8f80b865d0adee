/**
 * Query strings and paths as the SDK sends them (sdk-surface.md): the three `expand` spellings,
 * trailing slashes, and the literal URL of orders.fetchTransferOrder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../support/envelope.js'
import { startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'
import { insertPayment } from '../support/rows.js'

let s: TestServer
let m: TestMerchant
let orderId: string
let paymentId: string
beforeAll(async () => {
  s = await startTestServer()
  m = s.merchant
  const order = await m.rzp.orders.create({ amount: 5000, currency: 'INR', receipt: 'q-1' })
  orderId = order.id
  paymentId = await insertPayment(s.store, { merchantId: m.id, orderId, amount: 5000, status: 'authorized', createdAt: order.created_at })
})
afterAll(() => s.close())

const EMPTY = { entity: 'collection', count: 0, items: [] }

describe('expand', () => {
  const spellings = ['expand[]=payments', 'expand%5B%5D=payments', 'expand[expand]=payments', 'expand%5Bexpand%5D=payments', 'expand[expand][0]=payments', 'expand%5Bexpand%5D%5B0%5D=payments']
  for (const q of spellings) {
    it(`${q} expands payments on fetch and on list`, async () => {
      const one = await m.http('GET', `/v1/orders/${orderId}?${q}`)
      expect(one.status).toBe(200)
      expect(one.body.payments).toMatchObject({ entity: 'collection', count: 1, items: [{ id: paymentId, entity: 'payment', order_id: orderId }] })
      const list = await m.http('GET', `/v1/orders?receipt=q-1&${q}`)
      expect(list.status).toBe(200)
      expect(list.body.items[0].payments.items.map((p: { id: string }) => p.id)).toEqual([paymentId])
    })
  }

  it('without expand there is no payments key', async () => {
    const res = await m.http('GET', `/v1/orders/${orderId}`)
    expect(res.body).not.toHaveProperty('payments')
  })

  it('the SDK spelling ({"expand[]": "payments"} → expand[expand]=payments) works through orders.all', async () => {
    const list = await m.rzp.orders.all({ receipt: 'q-1', 'expand[]': 'payments' } as never)
    expect((list.items[0] as unknown as { payments: { items: { id: string }[] } }).payments.items.map((p) => p.id)).toEqual([paymentId])
  })

  it('an unknown expand value is refused on field expand', async () => {
    expectError(await m.http('GET', `/v1/orders/${orderId}?expand[]=nonsense`), 400, { description: 'nonsense is not a valid expand value', field: 'expand' })
  })
})

describe('trailing slashes and the fetchTransferOrder URL', () => {
  it('/v1/orders/:id/ is the same as /v1/orders/:id', async () => {
    const plain = await m.http('GET', `/v1/orders/${orderId}`)
    const slash = await m.http('GET', `/v1/orders/${orderId}/`)
    expect(slash.status).toBe(200)
    expect(slash.body).toEqual(plain.body)
    expect((await m.http('GET', '/v1/orders/')).body.entity).toBe('collection')
  })

  it('the literal /v1/orders/{id}/?expand[]=transfers&status returns the order with an empty transfers collection', async () => {
    const res = await m.http('GET', `/v1/orders/${orderId}/?expand[]=transfers&status`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: orderId, entity: 'order', transfers: EMPTY })
  })

  it('orders.fetchTransferOrder(id) through the SDK', async () => {
    const order = await m.rzp.orders.fetchTransferOrder(orderId)
    expect(order).toMatchObject({ id: orderId, entity: 'order', amount: 5000, transfers: EMPTY })
  })

  it('fetchTransferOrder on a bad id is a normal 400, not URL-not-found', async () => {
    expectError(await m.http('GET', '/v1/orders/order_123/?expand[]=transfers&status'), 400, { description: 'order_123 is not a valid id', field: 'id' })
  })
})
