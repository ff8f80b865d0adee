/**
 * The orders API through the official SDK (RT:api/orders/*.md, behaviors.md §2): create with every
 * documented field, fetch, list with filters, edit notes, payments of an order, and the wire shape.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { autoCaptures } from '../../../src/domain/orders/entity.js'
import { orderStore } from '../../../src/domain/orders/store.js'
import type { OrderRow } from '../../../src/store/schema.js'
import { envelope, expectError, VALIDATION } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { insertPayment } from '../../support/rows.js'

const NOW = 1_750_000_000
let now = NOW
let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer({ realNow: () => now })
  m = s.merchant
})
afterAll(() => s.close())

const ORDER_KEYS = ['amount', 'amount_due', 'amount_paid', 'attempts', 'created_at', 'currency', 'entity', 'id', 'notes', 'offer_id', 'receipt', 'status']
const row = async (id: string): Promise<OrderRow> => {
  const r = await orderStore.findByMerchantIdAndId(s.store.db, m.id, id)
  if (!r) throw new Error(`no row for ${id}`)
  return r
}

describe('create', () => {
  it('answers exactly the documented entity, notes [] when empty', async () => {
    const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR' })
    expect(Object.keys(o).sort()).toEqual(ORDER_KEYS)
    expect(o).toEqual({
      id: expect.stringMatching(/^order_[0-9A-Za-z]{14}$/),
      entity: 'order',
      amount: 5000,
      amount_paid: 0,
      amount_due: 5000,
      currency: 'INR',
      receipt: null,
      offer_id: null,
      status: 'created',
      attempts: 0,
      notes: [],
      created_at: NOW,
    })
  })

  it('the raw JSON keeps the documented key order', async () => {
    const res = await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR', receipt: 'order-keys', notes: { a: 'b' } })
    expect(Object.keys(JSON.parse(res.text))).toEqual(['id', 'entity', 'amount', 'amount_paid', 'amount_due', 'currency', 'receipt', 'offer_id', 'status', 'attempts', 'notes', 'created_at'])
  })

  it('ids are unique and time-ordered', async () => {
    const a = await m.rzp.orders.create({ amount: 5000, currency: 'INR' })
    const b = await m.rzp.orders.create({ amount: 5000, currency: 'INR' })
    expect(a.id).not.toBe(b.id)
    expect(a.id < b.id).toBe(true)
  })

  it('currency defaults to INR in the SDK; other supported currencies are kept', async () => {
    expect((await m.rzp.orders.create({ amount: 5000 } as never)).currency).toBe('INR')
    expect((await m.rzp.orders.create({ amount: 5000, currency: 'USD' })).currency).toBe('USD')
  })

  it('takes every documented field', async () => {
    const o = await m.rzp.orders.create({
      amount: 50000,
      currency: 'INR',
      receipt: 'receipt#1',
      notes: { key1: 'value3', key2: 'value2' },
      partial_payment: true,
      first_payment_min_amount: 10000,
      payment_capture: true,
    })
    expect(o).toMatchObject({ amount: 50000, receipt: 'receipt#1', notes: { key1: 'value3', key2: 'value2' }, partial_payment: true, first_payment_min_amount: 10000 })
    expect(autoCaptures(await row(o.id))).toBe(true)

    const manual = await m.rzp.orders.create({
      amount: 50000,
      currency: 'INR',
      payment: { capture: 'manual', capture_options: { manual_expiry_period: 7200, refund_speed: 'optimum' } },
    } as never)
    expect(Object.keys(manual).sort()).toEqual(ORDER_KEYS)
    expect(autoCaptures(await row(manual.id))).toBe(false)

    const auto = await m.rzp.orders.create({
      amount: 50000,
      currency: 'INR',
      payment: { capture: 'automatic', capture_options: { automatic_expiry_period: 12, manual_expiry_period: 60, refund_speed: 'normal' } },
    })
    const autoRow = await row(auto.id)
    expect(autoCaptures(autoRow)).toBe(true)
    expect(JSON.parse(autoRow.capture_options ?? 'null')).toEqual({ capture: 'automatic', automatic_expiry_period: 12, manual_expiry_period: 60, refund_speed: 'normal' })
  })

  it('payment_capture absent means manual capture; 0/false manual; 1/true automatic', async () => {
    const cases: [unknown, boolean][] = [[undefined, false], [0, false], [false, false], [1, true], [true, true]]
    for (const [payment_capture, expected] of cases) {
      const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR', payment_capture } as never)
      expect(autoCaptures(await row(o.id)), String(payment_capture)).toBe(expected)
    }
    // The newer payment.capture wins over payment_capture.
    const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR', payment_capture: 1, payment: { capture: 'manual' } } as never)
    expect(autoCaptures(await row(o.id))).toBe(false)
  })

  it('validates payment.capture_options', async () => {
    const create = (payment: unknown) => m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR', payment })
    expectError(await create({ capture: 'automatic' }), 400, {
      description: 'The payment[capture_options][automatic_expiry_period] field is required.',
      field: 'payment[capture_options][automatic_expiry_period]',
    })
    expect((await create({ capture: 'automatic', capture_options: { automatic_expiry_period: 11 } })).body.error.field).toBe('payment[capture_options][automatic_expiry_period]')
    expect((await create({ capture: 'manual', capture_options: { manual_expiry_period: 7201 } })).body.error.field).toBe('payment[capture_options][manual_expiry_period]')
    expect((await create({ capture: 'automatic', capture_options: { automatic_expiry_period: 60, manual_expiry_period: 30 } })).body.error.field).toBe('payment[capture_options][manual_expiry_period]')
    expect((await create({ capture: 'sometimes' })).body.error).toMatchObject({ field: 'payment[capture]', ...VALIDATION })
    expect((await create({ capture_options: {} })).body.error).toMatchObject({ description: 'The payment[capture] field is required.', field: 'payment[capture]' })
  })

  it('first_payment_min_amount only with partial_payment, between 100 and the amount', async () => {
    const extra = envelope({ description: 'first_payment_min_amount is/are not required and should not be sent', reason: 'extra_field_sent', field: 'first_payment_min_amount' })
    expect(await sdkError(m.rzp.orders.create({ amount: 5000, currency: 'INR', first_payment_min_amount: 1000 }))).toEqual({ statusCode: 400, ...extra })
    expect(await sdkError(m.rzp.orders.create({ amount: 5000, currency: 'INR', partial_payment: false, first_payment_min_amount: 1000 }))).toEqual({ statusCode: 400, ...extra })
    const tooBig = await sdkError(m.rzp.orders.create({ amount: 5000, currency: 'INR', partial_payment: true, first_payment_min_amount: 5001 }))
    expect(tooBig).toMatchObject({ statusCode: 400, error: { field: 'first_payment_min_amount' } })
    const tooSmall = await sdkError(m.rzp.orders.create({ amount: 5000, currency: 'INR', partial_payment: true, first_payment_min_amount: 99 }))
    expect(tooSmall).toMatchObject({ statusCode: 400, error: { field: 'first_payment_min_amount' } })
    const equal = await m.rzp.orders.create({ amount: 5000, currency: 'INR', partial_payment: true, first_payment_min_amount: 5000 })
    expect(equal.first_payment_min_amount).toBe(5000)
    const noMin = await m.rzp.orders.create({ amount: 5000, currency: 'INR', partial_payment: true })
    expect(noMin).toMatchObject({ partial_payment: true })
    expect(noMin).not.toHaveProperty('first_payment_min_amount')
  })

  it('unique_receipt: a retried create with the same receipt answers the first order, even when retries race', async () => {
    const receipt = `uniq-${now}-${Math.random().toString(36).slice(2, 8)}`
    const first: any = await m.rzp.orders.create({ amount: 5000, currency: 'INR', receipt, unique_receipt: true } as any)
    expect(first).toMatchObject({ receipt, amount: 5000, status: 'created' })
    expect(first).not.toHaveProperty('unique_receipt')
    const again: any = await m.rzp.orders.create({ amount: 5000, currency: 'INR', receipt, unique_receipt: true } as any)
    expect(again).toEqual(first)
    // Racing retries of a new receipt make one order between them.
    const racing = `${receipt}-r`
    const answers: any[] = await Promise.all(Array.from({ length: 8 }, () => m.rzp.orders.create({ amount: 700, currency: 'INR', receipt: racing, unique_receipt: 1 } as any)))
    expect(new Set(answers.map((o) => o.id)).size).toBe(1)
    expect((await m.rzp.orders.all({ receipt: racing } as any)).count).toBe(1)
    // Without the flag (or with it false) a receipt may repeat, as before.
    const plain: any = await m.rzp.orders.create({ amount: 5000, currency: 'INR', receipt, unique_receipt: false } as any)
    expect(plain.id).not.toBe(first.id)
    expect((await m.rzp.orders.all({ receipt } as any)).count).toBe(2)
    expectError(await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR', receipt, unique_receipt: 'maybe' }), 400, {
      description: 'The unique_receipt field must be true or false.',
      field: 'unique_receipt',
    })
  })

  it('the SDK surfaces validation errors as {statusCode, error}', async () => {
    expect(await sdkError(m.rzp.orders.create({ amount: 99, currency: 'INR' }))).toEqual({
      statusCode: 400,
      ...envelope({ description: 'The amount must be at least INR 1.00', field: 'amount' }),
    })
  })

  it('any valid input round-trips: fetch equals create and amount_paid + amount_due = amount (property)', async () => {
    // axios (inside the SDK) drops keys named __proto__, constructor and prototype from request
    // data before sending (its merge() guards against prototype pollution), so those never reach
    // a server through the SDK; the raw-HTTP tests cover them.
    const key = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k))
    const notes = fc.dictionary(key, fc.string({ maxLength: 256 }), { maxKeys: 15 })
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 50_000_000_00 }),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        fc.option(notes, { nil: undefined }),
        async (amount, receipt, n) => {
          const o = await m.rzp.orders.create({ amount, currency: 'INR', receipt, notes: n })
          expect(o.amount).toBe(amount)
          expect(o.amount_paid + o.amount_due).toBe(o.amount)
          expect(o.receipt).toBe(receipt ?? null)
          expect(o.notes).toEqual(n && Object.keys(n).length > 0 ? n : [])
          expect(await m.rzp.orders.fetch(o.id)).toEqual(o)
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('fetch', () => {
  it('returns what create returned', async () => {
    const o = await m.rzp.orders.create({ amount: 2200, currency: 'INR', receipt: 'Receipt #211', notes: { key1: 'value3' } })
    expect(await m.rzp.orders.fetch(o.id)).toEqual(o)
  })

  it('unknown and malformed ids through the SDK', async () => {
    expect(await sdkError(m.rzp.orders.fetch('order_00000000000000'))).toEqual({ statusCode: 400, ...envelope({ description: 'The id provided does not exist', field: 'id' }) })
    expect(await sdkError(m.rzp.orders.fetch('order_123'))).toEqual({ statusCode: 400, ...envelope({ description: 'order_123 is not a valid id', field: 'id' }) })
  })
})

describe('list filters', () => {
  let other: TestMerchant
  let a: string
  let b: string
  let c: string
  let d: string
  let e: string
  beforeAll(async () => {
    other = await s.newMerchant()
    const mk = async (receipt: string) => (await other.rzp.orders.create({ amount: 10000, currency: 'INR', receipt })).id
    now += 10
    a = await mk('dup')
    now += 1
    b = await mk('dup')
    now += 1
    c = await mk('other')
    now += 1
    d = await mk('none')
    now += 1
    e = await mk('refunded')
    // a: authorized, b: captured, c: failed (never authorized), d: no payment, e: refunded.
    await insertPayment(s.store, { merchantId: other.id, orderId: a, amount: 10000, status: 'authorized', createdAt: now })
    await insertPayment(s.store, { merchantId: other.id, orderId: b, amount: 10000, status: 'failed', createdAt: now })
    await insertPayment(s.store, { merchantId: other.id, orderId: b, amount: 10000, status: 'captured', createdAt: now })
    await insertPayment(s.store, { merchantId: other.id, orderId: c, amount: 10000, status: 'failed', createdAt: now })
    await insertPayment(s.store, { merchantId: other.id, orderId: e, amount: 10000, status: 'refunded', createdAt: now })
  })
  const ids = (r: { items: { id: string }[] }) => r.items.map((o) => o.id)

  it('receipt matches exactly, newest first', async () => {
    expect(ids(await other.rzp.orders.all({ receipt: 'dup' }))).toEqual([b, a])
    expect(ids(await other.rzp.orders.all({ receipt: 'du' }))).toEqual([])
    expect(ids(await other.rzp.orders.all({ receipt: 'DUP' }))).toEqual([])
  })

  it('authorized=1 keeps orders with a payment that reached authorized; authorized=0 the others', async () => {
    expect(ids(await other.rzp.orders.all({ authorized: 1 }))).toEqual([e, b, a])
    expect(ids(await other.rzp.orders.all({ authorized: 0 }))).toEqual([d, c])
    expect(ids((await other.http('GET', '/v1/orders?authorized=true')).body)).toEqual([e, b, a])
    expect(ids((await other.http('GET', '/v1/orders?authorized=false')).body)).toEqual([d, c])
    expect(ids((await other.http('GET', '/v1/orders?authorized=1&receipt=dup')).body)).toEqual([b, a])
    expectError(await other.http('GET', '/v1/orders?authorized=maybe'), 400, { description: 'The authorized field must be true or false.', field: 'authorized' })
  })

  it("another merchant's payments do not count for the filter", async () => {
    const own = await m.rzp.orders.create({ amount: 5000, currency: 'INR', receipt: 'cross' })
    // A payment row of `other` pointing at m's order (impossible through the API) must not make it authorized for m.
    await insertPayment(s.store, { merchantId: other.id, orderId: own.id, amount: 5000, status: 'authorized', createdAt: now })
    expect(ids(await m.rzp.orders.all({ receipt: 'cross', authorized: 1 }))).toEqual([])
  })

  it('expand[]=payments lists each order with its own payments', async () => {
    const list = (await other.rzp.orders.all({ 'expand[]': 'payments', count: 100 } as never)) as unknown as { items: { id: string; payments: { entity: string; count: number; items: { order_id: string }[] } }[] }
    const byId = new Map(list.items.map((o) => [o.id, o.payments]))
    expect(byId.get(a)?.count).toBe(1)
    expect(byId.get(b)?.count).toBe(2)
    expect(byId.get(d)).toEqual({ entity: 'collection', count: 0, items: [] })
    for (const o of list.items) for (const p of o.payments.items) expect(p.order_id).toBe(o.id)
  })
})

describe('edit (PATCH notes)', () => {
  it('replaces the notes object and changes nothing else', async () => {
    const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR', receipt: 'edit-1', notes: { a: '1', b: '2' } })
    const edited = await m.rzp.orders.edit(o.id, { notes: { c: '3' } })
    expect(edited).toEqual({ ...o, notes: { c: '3' } })
    expect(await m.rzp.orders.fetch(o.id)).toEqual(edited)
  })

  it('empty notes clear them and show as []', async () => {
    const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR', notes: { a: '1' } })
    expect((await m.rzp.orders.edit(o.id, { notes: {} })).notes).toEqual([])
    expect((await m.rzp.orders.fetch(o.id)).notes).toEqual([])
  })

  it('refuses other fields, a missing notes and invalid notes, leaving the order unchanged', async () => {
    const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR', notes: { keep: 'me' } })
    expect(await sdkError(m.rzp.orders.edit(o.id, { notes: { a: 'b' }, amount: 1 } as never))).toEqual({
      statusCode: 400,
      ...envelope({ description: 'amount is/are not required and should not be sent', reason: 'extra_field_sent', field: 'amount' }),
    })
    expect(await sdkError(m.rzp.orders.edit(o.id, {} as never))).toEqual({ statusCode: 400, ...envelope({ description: 'The notes field is required.', field: 'notes' }) })
    const many = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']))
    expect(await sdkError(m.rzp.orders.edit(o.id, { notes: many }))).toMatchObject({ statusCode: 400, error: { field: 'notes' } })
    expect(await sdkError(m.rzp.orders.edit(o.id, { notes: { a: 'x'.repeat(257) } }))).toMatchObject({ statusCode: 400, error: { field: 'notes' } })
    expect((await m.rzp.orders.fetch(o.id)).notes).toEqual({ keep: 'me' })
  })
})

describe('payments of an order', () => {
  it('a fresh order has an empty collection', async () => {
    const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR' })
    expect(await m.rzp.orders.fetchPayments(o.id)).toEqual({ entity: 'collection', count: 0, items: [] })
  })

  it("lists the order's payments, newest first, and only its own", async () => {
    const o = await m.rzp.orders.create({ amount: 5000, currency: 'INR' })
    const other = await m.rzp.orders.create({ amount: 5000, currency: 'INR' })
    const first = await insertPayment(s.store, { merchantId: m.id, orderId: o.id, amount: 5000, status: 'failed', createdAt: now })
    const second = await insertPayment(s.store, { merchantId: m.id, orderId: o.id, amount: 5000, status: 'authorized', createdAt: now + 1 })
    await insertPayment(s.store, { merchantId: m.id, orderId: other.id, amount: 5000, status: 'authorized', createdAt: now })
    const list = await m.rzp.orders.fetchPayments(o.id)
    expect(list.count).toBe(2)
    expect(list.items.map((p) => p.id)).toEqual([second, first])
    expect(list.items.every((p) => p.entity === 'payment' && p.order_id === o.id)).toBe(true)
  })
})
