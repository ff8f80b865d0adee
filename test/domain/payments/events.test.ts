/**
 * The outbox `events` table: each state change writes its event in the same transaction, with the
 * webhook envelope payload {<entity>: {entity: {...}}} and `contains` naming those entities
 * (behaviors.md §4). Requests that fail validation write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { testCard, testCustomer } from '../../support/factories.js'
import { bankAction, countEvents, eventsOf, newOrder, startCardPayment, startRedirectPayment } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())

describe('events of a full flow', () => {
  it('payment.authorized, payment.captured, order.paid, refund.created, refund.processed — in order, as snapshots', async () => {
    const m = await s.newMerchant()
    const rzp = m.rzp
    const p = await startCardPayment(m, '4111111111111111', { amount: 500000, notes: { sku: 'A1' } })
    expect(await countEvents(s, m.id)).toBe(0) // creating a payment is not an event
    await rzp.payments.otpSubmit(p.id, { otp: '1234' })
    await rzp.payments.capture(p.id, 500000, 'INR')
    const r1: any = await rzp.payments.refund(p.id, { amount: 100000 })
    const r2: any = await rzp.payments.refund(p.id, {})

    const events = await eventsOf(s, m.id)
    expect(events.map((e) => e.event)).toEqual([
      'payment.authorized',
      'payment.captured',
      'order.paid',
      'refund.created',
      'refund.processed',
      'refund.created',
      'refund.processed',
    ])
    for (const e of events) {
      expect(e.id).toMatch(/^evt_[0-9A-Za-z]{14}$/)
      expect(e.created_at).toEqual(expect.any(Number))
      // The envelope payload: {<entity>: {entity: {...}}}, exactly the entities `contains` names.
      expect(Object.keys(e.payload)).toEqual(e.contains)
      for (const [name, wrapper] of Object.entries(e.payload)) {
        expect(Object.keys(wrapper)).toEqual(['entity'])
        expect(wrapper.entity.entity).toBe(name)
      }
    }
    const [authorized, captured, paid, created1, processed1, created2, processed2] = events
    expect(authorized.contains).toEqual(['payment'])
    expect(authorized.payload.payment.entity).toMatchObject({
      id: p.id,
      status: 'authorized',
      captured: false,
      fee: null,
      tax: null,
      order_id: p.orderId,
      notes: { sku: 'A1' },
      card: { entity: 'card', last4: '1111', network: 'Visa' },
    })
    expect(captured.contains).toEqual(['payment'])
    expect(captured.payload.payment.entity).toMatchObject({ id: p.id, status: 'captured', captured: true, fee: 11800, tax: 1800, amount_refunded: 0 })
    expect(paid.contains).toEqual(['payment', 'order'])
    expect(paid.payload.order.entity).toMatchObject({ id: p.orderId, entity: 'order', status: 'paid', amount_paid: 500000, amount_due: 0, attempts: 1 })
    expect(paid.payload.payment.entity).toMatchObject({ id: p.id, status: 'captured' })
    expect(created1.contains).toEqual(['refund', 'payment'])
    expect(created1.payload.refund.entity).toMatchObject({ id: r1.id, status: 'pending', amount: 100000 })
    expect(processed1.payload.refund.entity).toEqual(r1)
    expect(processed1.payload.payment.entity).toMatchObject({ status: 'captured', amount_refunded: 100000, refund_status: 'partial' })
    expect(created2.payload.refund.entity).toMatchObject({ id: r2.id, amount: 400000 })
    expect(processed2.payload.payment.entity).toMatchObject({ status: 'refunded', amount_refunded: 500000, refund_status: 'full' })
  })

  it('payment.failed carries the failed payment with its error', async () => {
    const m = await s.newMerchant()
    const p = await startRedirectPayment(m, 'wallet')
    await bankAction(s, p.id, 'failure')
    const events = await eventsOf(s, m.id)
    expect(events.map((e) => e.event)).toEqual(['payment.failed'])
    expect(events[0].contains).toEqual(['payment'])
    expect(events[0].payload.payment.entity).toMatchObject({
      id: p.id,
      entity: 'payment',
      status: 'failed',
      method: 'wallet',
      wallet: 'payzapp',
      error_code: 'BAD_REQUEST_ERROR',
      error_reason: 'payment_failed',
      fee: null,
    })
  })
})

describe('no events for requests that fail or change no state', () => {
  it('validation failures, refusals, reads, OTP generate/resend and notes edits write no event', async () => {
    const m = await s.newMerchant()
    const rzp = m.rzp
    const order = await newOrder(m, 10000)
    const create = (body: Record<string, unknown>) =>
      sdkError(rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, ...body } as any))
    await create({ method: 'card', card: testCard('4111111111111112') })
    await create({ method: 'card', card: { ...testCard(), expiry_year: '2019' } })
    await create({ method: 'card', card: testCard(), amount: 5000 })
    await create({ method: 'upi', vpa: 'nope' })
    await create({ method: 'netbanking', bank: 'XXXX' })
    await sdkError(rzp.payments.validateVpa({ vpa: 'bad' }))
    await rzp.payments.validateVpa({ vpa: 'success@razorpay' })

    const p = await startCardPayment(m, '4111111111111111', { orderId: order.id })
    await rzp.payments.otpGenerate(p.id)
    await rzp.payments.otpResend(p.id)
    await sdkError(rzp.payments.otpSubmit(p.id, { otp: 'abcd' }))
    await sdkError(rzp.payments.capture(p.id, 10000, 'INR'))
    await sdkError(rzp.payments.refund(p.id, {}))
    await rzp.payments.edit(p.id, { notes: { a: 'b' } })
    await bankAction(s, p.id, 'sideways')
    await rzp.payments.fetch(p.id)
    await rzp.payments.all()
    expect(await countEvents(s, m.id)).toBe(0)

    await rzp.payments.otpSubmit(p.id, { otp: '1234' })
    expect(await countEvents(s, m.id)).toBe(1)
    await sdkError(rzp.payments.capture(p.id, 9999, 'INR'))
    await sdkError(rzp.payments.capture(p.id, 10000, 'USD'))
    await rzp.payments.capture(p.id, 10000, 'INR')
    expect(await countEvents(s, m.id)).toBe(3)
    await sdkError(rzp.payments.capture(p.id, 10000, 'INR'))
    await sdkError(rzp.payments.refund(p.id, { amount: 10001 }))
    await sdkError(rzp.payments.refund(p.id, { amount: 50 }))
    await sdkError(rzp.payments.refund(p.id, { amount: 100, speed: 'warp' } as any))
    const r: any = await rzp.payments.refund(p.id, { amount: 100 })
    expect(await countEvents(s, m.id)).toBe(5)
    await rzp.refunds.edit(r.id, { notes: { x: 'y' } })
    await rzp.payments.edit(p.id, { notes: { c: 'd' } })
    expect(await countEvents(s, m.id)).toBe(5)
  })
})
