/**
 * Capture (POST /v1/payments/:id/capture) through the SDK: the rules (authorized only, exactly the
 * authorized amount, same currency), fee and tax set on capture, and auto-capture when the order
 * asks for it (payment_capture or payment.capture = automatic).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validatePaymentVerification } from 'razorpay/dist/utils/razorpay-utils.js'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
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

describe('capture', () => {
  it('captures an authorized payment for exactly its amount', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 500000 })
    const captured: any = await s.merchant.rzp.payments.capture(p.id, 500000, 'INR')
    expect(captured).toMatchObject({ id: p.id, entity: 'payment', status: 'captured', captured: true, amount: 500000, fee: 11800, tax: 1800 })
    expect(await s.merchant.rzp.payments.fetch(p.id)).toEqual(captured)
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'paid', amount_paid: 500000, amount_due: 0, attempts: 1 })
  })

  it('currency is mandatory, as Razorpay documents it; without it nothing is captured', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 10000 })
    const err = await sdkError(s.merchant.rzp.payments.capture(p.id, 10000, undefined as any))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ description: 'The currency field is required.', field: 'currency' })
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
    expect(await s.merchant.rzp.payments.capture(p.id, 10000, 'INR')).toMatchObject({ status: 'captured' })
  })

  it('refuses a different amount, leaving the payment authorized and announcing nothing', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 10000 })
    const before = await countEvents(s, s.merchant.id)
    for (const amount of [9999, 10001, 5000, 100]) {
      const err = await sdkError(s.merchant.rzp.payments.capture(p.id, amount, 'INR'))
      expect(err.statusCode).toBe(400)
      expect(err.error).toMatchObject({
        code: 'BAD_REQUEST_ERROR',
        description: 'Capture amount must be equal to the amount authorized.',
        field: 'amount',
        metadata: { payment_id: p.id, order_id: p.orderId },
      })
    }
    expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'authorized', captured: false, fee: null, tax: null })
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'attempted', amount_paid: 0 })
    expect(await countEvents(s, s.merchant.id)).toBe(before)
  })

  it('refuses another currency', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 10000 })
    const err = await sdkError(s.merchant.rzp.payments.capture(p.id, 10000, 'USD'))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ field: 'currency' })
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
  })

  it('refuses a payment that is not authorized (created or failed)', async () => {
    const created = await startCardPayment(s.merchant)
    const e1 = await sdkError(s.merchant.rzp.payments.capture(created.id, 10000, 'INR'))
    expect(e1.statusCode).toBe(400)
    expect(e1.error.description).toBe('Only payments which have been authorized and not yet captured can be captured')
    expect((await s.merchant.rzp.payments.fetch(created.id)).status).toBe('created')

    const failed = await startCardPayment(s.merchant, '4100280000060003')
    await sdkError(s.merchant.rzp.payments.otpSubmit(failed.id, { otp: '1234' }))
    const e2 = await sdkError(s.merchant.rzp.payments.capture(failed.id, 10000, 'INR'))
    expect(e2.error.description).toBe('Only payments which have been authorized and not yet captured can be captured')
    expect(await s.merchant.rzp.payments.fetch(failed.id)).toMatchObject({ status: 'failed', fee: null })
  })

  it('refuses a second capture', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 10000 })
    await s.merchant.rzp.payments.capture(p.id, 10000, 'INR')
    const err = await sdkError(s.merchant.rzp.payments.capture(p.id, 10000, 'INR'))
    expect(err.statusCode).toBe(400)
    expect(err.error.description).toBe('This payment has already been captured')
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ amount_paid: 10000, amount_due: 0 })
    expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual(['payment.authorized', 'payment.captured', 'order.paid'])
  })

  it('validates the body with Razorpay’s texts (raw HTTP)', async () => {
    const p = await authorizedCardPayment(s.merchant, { amount: 10000 })
    const notInt = await s.merchant.http('POST', `/v1/payments/${p.id}/capture`, { amount: 100.5, currency: 'INR' })
    expect(notInt.status).toBe(400)
    expect(notInt.body.error).toMatchObject({
      code: 'BAD_REQUEST_ERROR',
      description: 'The amount must be an integer.',
      field: 'amount',
      source: 'business',
      step: 'payment_initiation',
      reason: 'input_validation_failed',
    })
    const missing = await s.merchant.http('POST', `/v1/payments/${p.id}/capture`, { currency: 'INR' })
    expect(missing.body.error).toMatchObject({ description: 'The amount field is required.', field: 'amount' })
    const extra = await s.merchant.http('POST', `/v1/payments/${p.id}/capture`, { amount: 10000, speed: 'fast' })
    expect(extra.body.error.description).toBe('speed is/are not required and should not be sent')
    const form = await s.merchant.http('POST', `/v1/payments/${p.id}/capture`, 'amount=10000&currency=INR', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(200)
    expect(form.body).toMatchObject({ status: 'captured' })
  })

  it('answers "does not exist" and "not a valid id" for unknown and malformed ids', async () => {
    const unknown = await sdkError(s.merchant.rzp.payments.capture('pay_00000000000000', 10000, 'INR'))
    expect(unknown.statusCode).toBe(400)
    expect(unknown.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' })
    const order = await newOrder(s.merchant, 10000)
    const wrong = await sdkError(s.merchant.rzp.payments.capture(order.id, 10000, 'INR'))
    expect(wrong.statusCode).toBe(400)
    expect(wrong.error.description).toBe(`${order.id} is not a valid id`)
  })
})

describe('fee and tax: 2% + 18% GST on the fee, no GST on domestic cards up to ₹2,000', () => {
  const CASES: { label: string; amount: number; pay: (amount: number) => Promise<{ id: string }>; fee: number; tax: number }[] = [
    { label: 'domestic card ₹5,000', amount: 500000, pay: (a) => authorizedCardPayment(s.merchant, { amount: a }), fee: 11800, tax: 1800 },
    { label: 'domestic card ₹99 (entity sample)', amount: 9900, pay: (a) => authorizedCardPayment(s.merchant, { amount: a }), fee: 198, tax: 0 },
    { label: 'domestic card ₹2,000 exactly', amount: 200000, pay: (a) => authorizedCardPayment(s.merchant, { amount: a }), fee: 4000, tax: 0 },
    { label: 'domestic card ₹2,000.01', amount: 200001, pay: (a) => authorizedCardPayment(s.merchant, { amount: a }), fee: 4720, tax: 720 },
    {
      label: 'international card ₹500',
      amount: 50000,
      pay: (a) => authorizedCardPayment(s.merchant, { amount: a, number: '5555555555554444' }),
      fee: 1180,
      tax: 180,
    },
    {
      label: 'netbanking ₹500',
      amount: 50000,
      pay: async (a) => {
        const p = await startRedirectPayment(s.merchant, 'netbanking', { amount: a })
        await bankAction(s, p.id, 'success')
        return p
      },
      fee: 1180,
      tax: 180,
    },
    {
      label: 'wallet ₹1,000',
      amount: 100000,
      pay: async (a) => {
        const p = await startRedirectPayment(s.merchant, 'wallet', { amount: a })
        await bankAction(s, p.id, 'success')
        return p
      },
      fee: 2360,
      tax: 360,
    },
    { label: 'UPI ₹100', amount: 10000, pay: (a) => upiPayment(s.merchant, 'success@razorpay', { amount: a }), fee: 236, tax: 36 },
  ]
  for (const c of CASES) {
    it(`${c.label}: fee ${c.fee}, tax ${c.tax}; null until captured`, async () => {
      const p = await c.pay(c.amount)
      expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'authorized', fee: null, tax: null })
      const captured: any = await s.merchant.rzp.payments.capture(p.id, c.amount, 'INR')
      expect(captured).toMatchObject({ fee: c.fee, tax: c.tax })
      expect(captured.fee - captured.tax).toBe(Math.round(c.amount * 0.02))
    })
  }
})

describe('auto-capture', () => {
  const AUTO: [string, Record<string, unknown>][] = [
    ['payment_capture: 1', { payment_capture: 1 }],
    ['payment_capture: true', { payment_capture: true }],
    ["payment: {capture: 'automatic', capture_options: {automatic_expiry_period: 12}}", { payment: { capture: 'automatic', capture_options: { automatic_expiry_period: 12 } } }],
  ]
  for (const [label, order] of AUTO) {
    it(`${label}: the OTP captures at once and the order is paid`, async () => {
      const p = await startCardPayment(s.merchant, '4111111111111111', { amount: 500000, order })
      const auth: any = await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
      expect(validatePaymentVerification({ order_id: p.orderId, payment_id: p.id }, auth.razorpay_signature, s.merchant.keySecret)).toBe(true)
      expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'captured', captured: true, fee: 11800, tax: 1800 })
      expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'paid', amount_paid: 500000, amount_due: 0, attempts: 1 })
      const events = await eventsOf(s, s.merchant.id, p.id)
      expect(eventNames(events)).toEqual(['payment.authorized', 'payment.captured', 'order.paid'])
      // Each event is a snapshot at its time.
      expect(events[0].payload.payment.entity).toMatchObject({ status: 'authorized', captured: false, fee: null })
      expect(events[1].payload.payment.entity).toMatchObject({ status: 'captured', captured: true, fee: 11800, tax: 1800 })
      expect(events[2].payload.order.entity).toMatchObject({ id: p.orderId, status: 'paid', amount_paid: 500000, amount_due: 0 })
      // A manual capture afterwards is refused.
      const again = await sdkError(s.merchant.rzp.payments.capture(p.id, 500000, 'INR'))
      expect(again.error.description).toBe('This payment has already been captured')
    })
  }

  it('also on the bank page (netbanking)', async () => {
    const p = await startRedirectPayment(s.merchant, 'netbanking', { amount: 20000, order: { payment_capture: 1 } })
    await bankAction(s, p.id, 'success')
    expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'captured', fee: 472, tax: 72 })
    expect((await s.merchant.rzp.orders.fetch(p.orderId)).status).toBe('paid')
  })

  const MANUAL: [string, Record<string, unknown>][] = [
    ['no capture setting', {}],
    ['payment_capture: 0', { payment_capture: 0 }],
    ["payment: {capture: 'manual'}", { payment: { capture: 'manual', capture_options: { manual_expiry_period: 7200 } } }],
  ]
  for (const [label, order] of MANUAL) {
    it(`${label}: stays authorized until captured`, async () => {
      const p = await startCardPayment(s.merchant, '4111111111111111', { amount: 10000, order })
      await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
      expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'authorized', captured: false, fee: null })
      expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'attempted', amount_paid: 0, amount_due: 10000 })
      expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual(['payment.authorized'])
    })
  }

  it('a failed payment on an auto-capture order is not captured and the order is not paid', async () => {
    const p = await startCardPayment(s.merchant, '4100280000080001', { order: { payment_capture: 1 } })
    await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' }))
    expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'failed', fee: null })
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'attempted', amount_paid: 0 })
    expect(eventNames(await eventsOf(s, s.merchant.id, p.orderId))).toEqual([])
  })
})
