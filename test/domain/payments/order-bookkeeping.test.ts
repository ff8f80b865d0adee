/**
 * What payments do to their order: attempts (every attempt, failures included), status created →
 * attempted → paid (paid only on capture), amount_paid/amount_due, refusing a second payment while
 * one is authorized and any payment on a paid order, partial payments, and the order endpoints that
 * show payments (orders.fetchPayments, orders.all with expand payments / payments.card).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { testCard, testCustomer } from '../../support/factories.js'
import {
  authorizedCardPayment,
  bankAction,
  countEvents,
  eventNames,
  eventsOf,
  newOrder,
  startCardPayment,
  startRedirectPayment,
  upiPayment,
} from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())

const ALREADY_PAID = 'Your payment has been declined as the order is already paid. Please initiate the payment with a new order.'

describe('order status, attempts and amounts', () => {
  it('created → attempted on the first attempt; failures count; paid only on capture', async () => {
    const rzp = s.merchant.rzp
    const order = await newOrder(s.merchant, 30000)
    expect(order).toMatchObject({ status: 'created', attempts: 0, amount_paid: 0, amount_due: 30000 })

    const f1 = await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 30000 })
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', attempts: 1 })
    await sdkError(rzp.payments.otpSubmit(f1.id, { otp: '12' }))
    const f2 = await startRedirectPayment(s.merchant, 'netbanking', { orderId: order.id, amount: 30000 })
    await bankAction(s, f2.id, 'failure')
    await upiPayment(s.merchant, 'failure@razorpay', { orderId: order.id, amount: 30000 })
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', attempts: 3, amount_paid: 0, amount_due: 30000 })

    const ok = await authorizedCardPayment(s.merchant, { orderId: order.id, amount: 30000 })
    // Authorized is not paid.
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', attempts: 4, amount_paid: 0, amount_due: 30000 })
    expect(eventNames(await eventsOf(s, s.merchant.id, order.id))).toEqual([])

    await rzp.payments.capture(ok.id, 30000, 'INR')
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: 'paid', attempts: 4, amount_paid: 30000, amount_due: 0 })
    const orderEvents = await eventsOf(s, s.merchant.id, order.id)
    expect(eventNames(orderEvents.filter((e) => e.event.startsWith('order.')))).toEqual(['order.paid'])

    const payments: any = await rzp.orders.fetchPayments(order.id)
    expect(payments.entity).toBe('collection')
    expect(payments.count).toBe(4)
    expect(payments.items.map((p: any) => p.status)).toEqual(['captured', 'failed', 'failed', 'failed'])
    expect(payments.items[0].id).toBe(ok.id)
    for (const p of payments.items) expect(p.order_id).toBe(order.id)
  })

  it('refuses a second payment while one is authorized (the attempt is not counted)', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 10000 })
    const before = await countEvents(s, s.merchant.id)
    const err = await sdkError(
      s.merchant.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: p.orderId, ...testCustomer, method: 'card', card: testCard() } as any),
    )
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', field: 'order_id' })
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'attempted', attempts: 1 })
    expect((await s.merchant.rzp.orders.fetchPayments(p.orderId)).count).toBe(1)
    expect(await countEvents(s, s.merchant.id)).toBe(before)
  })

  it('refuses any payment on a paid order, also after a refund', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 10000 })
    await s.merchant.rzp.payments.capture(p.id, 10000, 'INR')
    const pay = (method: Record<string, unknown>) =>
      sdkError(s.merchant.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: p.orderId, ...testCustomer, ...method } as any))
    for (const method of [{ method: 'card', card: testCard() }, { method: 'netbanking', bank: 'HDFC' }, { method: 'upi', vpa: 'success@razorpay' }]) {
      const err = await pay(method)
      expect(err.statusCode).toBe(400)
      expect(err.error).toMatchObject({ description: ALREADY_PAID, reason: 'order_already_paid', field: 'order_id' })
    }
    await s.merchant.rzp.payments.refund(p.id, {})
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'paid', attempts: 1, amount_paid: 10000 })
    expect((await pay({ method: 'card', card: testCard() })).error.description).toBe(ALREADY_PAID)
  })

  it('two payments started together: once one is captured the other cannot be', async () => {
    const order = await newOrder(s.merchant, 10000)
    const a = await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id })
    const b = await startCardPayment(s.merchant, '4100280000001007', { orderId: order.id })
    await s.merchant.rzp.payments.otpSubmit(a.id, { otp: '1234' })
    await s.merchant.rzp.payments.otpSubmit(b.id, { otp: '1234' })
    await s.merchant.rzp.payments.capture(a.id, 10000, 'INR')
    const err = await sdkError(s.merchant.rzp.payments.capture(b.id, 10000, 'INR'))
    expect(err.statusCode).toBe(400)
    expect(err.error.description).toBe(ALREADY_PAID)
    expect(await s.merchant.rzp.payments.fetch(b.id)).toMatchObject({ status: 'authorized', fee: null })
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'paid', amount_paid: 10000, amount_due: 0, attempts: 2 })
  })

  it('two payments started together on an auto-capture order: only the first is captured', async () => {
    const order = await newOrder(s.merchant, 10000, { payment_capture: 1 })
    const a = await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id })
    const b = await startRedirectPayment(s.merchant, 'netbanking', { orderId: order.id })
    await s.merchant.rzp.payments.otpSubmit(a.id, { otp: '1234' })
    await bankAction(s, b.id, 'success')
    expect(await s.merchant.rzp.payments.fetch(a.id)).toMatchObject({ status: 'captured' })
    // The late one is refunded at once (late authorisation on a paid order); it never pays the order twice.
    expect(await s.merchant.rzp.payments.fetch(b.id)).toMatchObject({
      status: 'refunded',
      captured: false,
      fee: null,
      amount_refunded: 10000,
      refund_status: 'full',
    })
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'paid', amount_paid: 10000, amount_due: 0 })
    const orderPaid = (await eventsOf(s, s.merchant.id, order.id)).filter((e) => e.event === 'order.paid')
    expect(orderPaid).toHaveLength(1)
    expect(eventNames(await eventsOf(s, s.merchant.id, b.id))).toEqual(['payment.authorized', 'refund.created', 'refund.processed'])
  })
})

describe('partial payments', () => {
  it('enforces first_payment_min_amount, then takes payments until paid', async () => {
    const rzp = s.merchant.rzp
    const order = await newOrder(s.merchant, 10000, { partial_payment: true, first_payment_min_amount: 3000 })
    expect(order).toMatchObject({ partial_payment: true, first_payment_min_amount: 3000, amount_due: 10000 })

    const tooSmall = await sdkError(
      rzp.payments.createPaymentJson({ amount: 2999, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', card: testCard() } as any),
    )
    expect(tooSmall.statusCode).toBe(400)
    expect(tooSmall.error.field).toBe('amount')
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: 'created', attempts: 0 })

    const first = await authorizedCardPayment(s.merchant, { orderId: order.id, amount: 4000 })
    await rzp.payments.capture(first.id, 4000, 'INR')
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', amount_paid: 4000, amount_due: 6000, attempts: 1 })
    expect(eventNames((await eventsOf(s, s.merchant.id, order.id)).filter((e) => e.event === 'order.paid'))).toEqual([])

    // After the first payment the minimum no longer applies, but the amount due does.
    const tooMuch = await sdkError(
      rzp.payments.createPaymentJson({ amount: 6001, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', card: testCard() } as any),
    )
    expect(tooMuch.statusCode).toBe(400)
    expect(tooMuch.error.field).toBe('amount')

    const second = await upiPayment(s.merchant, 'success@razorpay', { orderId: order.id, amount: 1000 })
    await rzp.payments.capture(second.id, 1000, 'INR')
    const third = await startRedirectPayment(s.merchant, 'wallet', { orderId: order.id, amount: 5000 })
    await bankAction(s, third.id, 'success')
    await rzp.payments.capture(third.id, 5000, 'INR')
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: 'paid', amount_paid: 10000, amount_due: 0, attempts: 3 })
    const paid = (await eventsOf(s, s.merchant.id, order.id)).filter((e) => e.event === 'order.paid')
    expect(paid).toHaveLength(1)
    expect(paid[0].payload.payment.entity.id).toBe(third.id)
    expect(paid[0].payload.order.entity).toMatchObject({ status: 'paid', amount_paid: 10000, amount_due: 0 })
    expect((await sdkError(rzp.payments.createPaymentJson({ amount: 100, currency: 'INR', order_id: order.id, ...testCustomer, method: 'upi', vpa: 'success@razorpay' } as any))).error.description).toBe(ALREADY_PAID)
  })

  it('two partial payments captured make the order paid', async () => {
    const order = await newOrder(s.merchant, 10000, { partial_payment: true })
    const a = await authorizedCardPayment(s.merchant, { orderId: order.id, amount: 7000 })
    // An authorized payment counts against what is due.
    const over = await sdkError(
      s.merchant.rzp.payments.createPaymentJson({ amount: 3001, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', card: testCard() } as any),
    )
    expect(over.error.field).toBe('amount')
    const b = await authorizedCardPayment(s.merchant, { orderId: order.id, amount: 3000 })
    await s.merchant.rzp.payments.capture(a.id, 7000, 'INR')
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', amount_paid: 7000, amount_due: 3000 })
    await s.merchant.rzp.payments.capture(b.id, 3000, 'INR')
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'paid', amount_paid: 10000, amount_due: 0, attempts: 2 })
  })

  it('payments started together never take more than the order amount', async () => {
    const order = await newOrder(s.merchant, 10000, { partial_payment: true })
    const a = await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 6000 })
    const b = await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 6000 })
    await s.merchant.rzp.payments.otpSubmit(a.id, { otp: '1234' })
    await s.merchant.rzp.payments.otpSubmit(b.id, { otp: '1234' })
    await s.merchant.rzp.payments.capture(a.id, 6000, 'INR')
    const err = await sdkError(s.merchant.rzp.payments.capture(b.id, 6000, 'INR'))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ description: 'Capture amount exceeds the amount due on the order.', field: 'amount' })
    expect(await s.merchant.rzp.payments.fetch(b.id)).toMatchObject({ status: 'authorized', fee: null })
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', amount_paid: 6000, amount_due: 4000 })
  })

  it('concurrent captures of payments that together exceed the order: exactly one succeeds', async () => {
    const order = await newOrder(s.merchant, 10000, { partial_payment: true })
    const ps = [
      await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 6000 }),
      await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 6000 }),
      await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 5000 }),
    ]
    for (const p of ps) await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
    const results = await Promise.allSettled(ps.map((p, i) => s.merchant.rzp.payments.capture(p.id, [6000, 6000, 5000][i], 'INR')))
    const paid = (await s.merchant.rzp.orders.fetch(order.id)) as any
    expect(paid.amount_paid).toBeLessThanOrEqual(10000)
    expect(paid.amount_paid + paid.amount_due).toBe(10000)
    const captured = results.filter((r) => r.status === 'fulfilled').length
    expect(captured).toBeGreaterThanOrEqual(1)
    expect(captured).toBeLessThanOrEqual(2)
  })

  it('the same race on an auto-capture partial order refunds the late payment at once', async () => {
    const order = await newOrder(s.merchant, 10000, { partial_payment: true, payment_capture: 1 })
    const a = await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 6000 })
    const b = await startCardPayment(s.merchant, '4111111111111111', { orderId: order.id, amount: 6000 })
    await s.merchant.rzp.payments.otpSubmit(a.id, { otp: '1234' })
    await s.merchant.rzp.payments.otpSubmit(b.id, { otp: '1234' })
    expect((await s.merchant.rzp.payments.fetch(a.id)).status).toBe('captured')
    // 6000 no longer fits the 4000 due, so it can never be captured: refunded in full, not captured.
    expect(await s.merchant.rzp.payments.fetch(b.id)).toMatchObject({ status: 'refunded', captured: false, amount_refunded: 6000, refund_status: 'full' })
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ amount_paid: 6000, amount_due: 4000 })
  })
})

describe('orders with their payments', () => {
  it('orders.all and orders.fetch expand payments and payments.card', async () => {
    const m = await s.newMerchant()
    const o1 = await newOrder(m, 10000)
    const card = await authorizedCardPayment(m, { orderId: o1.id, number: '5500670000001002' })
    const o2 = await newOrder(m, 20000)
    const upi = await upiPayment(m, 'success@razorpay', { orderId: o2.id, amount: 20000 })
    const o3 = await newOrder(m, 30000)

    const plain: any = await m.rzp.orders.all({})
    expect(plain.items.map((o: any) => o.id)).toEqual([o3.id, o2.id, o1.id])
    for (const o of plain.items) expect(o.payments).toBeUndefined()

    const withPayments: any = await m.rzp.orders.all({ 'expand[]': 'payments' } as any)
    const byId = Object.fromEntries(withPayments.items.map((o: any) => [o.id, o]))
    expect(byId[o1.id].payments).toMatchObject({ entity: 'collection', count: 1, items: [{ id: card.id, status: 'authorized' }] })
    expect(byId[o1.id].payments.items[0].card).toBeUndefined()
    expect(byId[o2.id].payments).toMatchObject({ count: 1, items: [{ id: upi.id, method: 'upi' }] })
    expect(byId[o3.id].payments).toEqual({ entity: 'collection', count: 0, items: [] })

    const withCards: any = await m.rzp.orders.all({ 'expand[]': 'payments.card' } as any)
    const o1c = withCards.items.find((o: any) => o.id === o1.id)
    expect(o1c.payments.items[0].card).toMatchObject({ entity: 'card', last4: '1002', network: 'MasterCard' })

    const authorizedOnly: any = await m.rzp.orders.all({ authorized: 1 } as any)
    expect(authorizedOnly.items.map((o: any) => o.id).sort()).toEqual([o1.id, o2.id].sort())

    const fetched: any = await m.rzp.orders.fetchPayments(o1.id)
    expect(fetched.items.map((p: any) => p.id)).toEqual([card.id])
  })
})
