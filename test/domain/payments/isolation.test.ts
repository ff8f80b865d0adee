/**
 * Merchants are isolated: another merchant's payment, refund or order id answers 400 "The id
 * provided does not exist" on every endpoint, and nothing changes. Ids with the wrong prefix answer
 * "<id> is not a valid id".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { testCard, testCustomer } from '../../support/factories.js'
import { authorizedCardPayment, countEvents, startCardPayment } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
let a: TestMerchant
let b: TestMerchant
let captured: { id: string; orderId: string }
let authorized: { id: string; orderId: string }
let pending: { id: string; orderId: string }
let refundId: string

beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
  a = await s.newMerchant()
  b = await s.newMerchant()
  captured = await authorizedCardPayment(a, { amount: 10000 })
  await a.rzp.payments.capture(captured.id, 10000, 'INR')
  refundId = (await a.rzp.payments.refund(captured.id, { amount: 1000 })).id
  authorized = await authorizedCardPayment(a, { amount: 10000 })
  pending = await startCardPayment(a)
})
afterAll(() => s.close())

const NOT_FOUND = 'The id provided does not exist'

describe('merchant B cannot see or touch merchant A’s payments', () => {
  const calls: [string, () => Promise<unknown>][] = [
    ['payments.fetch', () => b.rzp.payments.fetch(captured.id)],
    ['payments.fetch expand card', () => b.rzp.payments.fetch(captured.id, { 'expand[]': 'card' } as any)],
    ['payments.capture', () => b.rzp.payments.capture(authorized.id, 10000, 'INR')],
    ['payments.refund', () => b.rzp.payments.refund(captured.id, { amount: 100 })],
    ['payments.edit', () => b.rzp.payments.edit(captured.id, { notes: { by: 'b' } })],
    ['payments.fetchCardDetails', () => b.rzp.payments.fetchCardDetails(captured.id)],
    ['payments.fetchMultipleRefund', () => b.rzp.payments.fetchMultipleRefund(captured.id, {})],
    ['payments.fetchRefund', () => b.rzp.payments.fetchRefund(captured.id, refundId)],
    ['payments.otpSubmit', () => b.rzp.payments.otpSubmit(pending.id, { otp: '1234' })],
    ['payments.otpGenerate', () => b.rzp.payments.otpGenerate(pending.id)],
    ['payments.otpResend', () => b.rzp.payments.otpResend(pending.id)],
    ['refunds.fetch', () => b.rzp.refunds.fetch(refundId)],
    ['refunds.edit', () => b.rzp.refunds.edit(refundId, { notes: { by: 'b' } })],
    ['orders.fetchPayments', () => b.rzp.orders.fetchPayments(captured.orderId)],
  ]
  for (const [name, call] of calls) {
    it(`${name} → 400 "${NOT_FOUND}"`, async () => {
      const err = await sdkError(call())
      expect(err.statusCode).toBe(400)
      expect(err.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: NOT_FOUND })
    })
  }

  it('B cannot pay A’s order', async () => {
    const order = await a.rzp.orders.create({ amount: 10000, currency: 'INR' })
    const err = await sdkError(
      b.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', card: testCard() } as any),
    )
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ description: NOT_FOUND, field: 'order_id' })
    expect(await a.rzp.orders.fetch(order.id)).toMatchObject({ status: 'created', attempts: 0 })
  })

  it('nothing of A’s changed, B has no events, and lists stay separate', async () => {
    expect(await a.rzp.payments.fetch(captured.id)).toMatchObject({ status: 'captured', amount_refunded: 1000, notes: [] })
    expect(await a.rzp.payments.fetch(authorized.id)).toMatchObject({ status: 'authorized' })
    expect(await a.rzp.payments.fetch(pending.id)).toMatchObject({ status: 'created' })
    expect(await a.rzp.refunds.fetch(refundId)).toMatchObject({ notes: [] })
    expect(await countEvents(s, b.id)).toBe(0)
    expect((await b.rzp.payments.all()).count).toBe(0)
    expect((await b.rzp.refunds.all()).count).toBe(0)
    expect((await a.rzp.payments.all()).count).toBe(3)
  })
})

describe('ids with the wrong prefix or shape', () => {
  it('answer "<id> is not a valid id"', async () => {
    const cases: [string, () => Promise<unknown>][] = [
      [captured.orderId, () => a.rzp.payments.fetch(captured.orderId)],
      [refundId, () => a.rzp.payments.capture(refundId, 10000, 'INR')],
      [captured.orderId, () => a.rzp.payments.refund(captured.orderId, {})],
      ['pay_short', () => a.rzp.payments.fetch('pay_short')],
      [captured.id, () => a.rzp.refunds.fetch(captured.id)],
      [captured.id, () => a.rzp.refunds.edit(captured.id, { notes: {} })],
      [captured.id, () => a.rzp.payments.fetchRefund(captured.id, captured.id)],
      [captured.id, () => a.rzp.orders.fetchPayments(captured.id)],
    ]
    for (const [id, call] of cases) {
      const err = await sdkError(call())
      expect(err.statusCode, id).toBe(400)
      expect(err.error.description).toBe(`${id} is not a valid id`)
    }
  })

  it('"does not exist" has the documented error fields (RT:api/payments/fetch-with-id.md)', async () => {
    const err = await sdkError(b.rzp.payments.fetch(captured.id))
    expect(err.error).toMatchObject({
      code: 'BAD_REQUEST_ERROR',
      description: NOT_FOUND,
      source: 'business',
      step: 'payment_initiation',
      reason: 'input_validation_failed',
      metadata: {},
    })
  })

  it('a well-formed unknown id answers "does not exist"', async () => {
    for (const call of [
      () => a.rzp.payments.fetch('pay_00000000000000'),
      () => a.rzp.refunds.fetch('rfnd_00000000000000'),
      () => a.rzp.payments.fetchRefund(captured.id, 'rfnd_00000000000000'),
    ]) {
      const err = await sdkError(call())
      expect(err.statusCode).toBe(400)
      expect(err.error.description).toBe(NOT_FOUND)
    }
  })
})
