/**
 * UPI collect through create/json and create/upi (the test VPA decides at once), validate/vpa and
 * GET /v1/methods, through the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { testCustomer } from '../../support/factories.js'
import { countEvents, countRows, eventNames, eventsOf, newOrder, upiPayment } from '../../support/payments.js'
import { UPI_FAILURE } from '../../support/test-instruments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())

const poll = (id: string) => [{ action: 'poll', url: `${s.url}/v1/payments/${id}` }]

describe('create/json with method upi', () => {
  it('success@razorpay is authorized at once', async () => {
    const p = await upiPayment(s.merchant, 'success@razorpay', { amount: 25000 })
    // RT:payments/payment-gateway/s2s-integration/json/v2/build-integration/upi/collect.md: next = [poll]
    expect(p.created).toEqual({ razorpay_payment_id: p.id, next: poll(p.id) })
    const payment: any = await s.merchant.rzp.payments.fetch(p.id, { 'expand[]': 'upi' } as any)
    expect(payment).toMatchObject({
      status: 'authorized',
      method: 'upi',
      vpa: 'success@razorpay',
      card_id: null,
      captured: false,
      fee: null,
      error_code: null,
      upi: { payer_account_type: 'bank_account', vpa: 'success@razorpay', flow: 'collect' },
    })
    expect(payment.acquirer_data).toEqual({ rrn: expect.stringMatching(/^\d{12}$/), upi_transaction_id: expect.any(String) })
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'attempted', attempts: 1, amount_paid: 0 })
    expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual(['payment.authorized'])
  })

  it('failure@razorpay fails with the documented UPI error', async () => {
    const p = await upiPayment(s.merchant, 'failure@razorpay')
    expect(p.created.razorpay_payment_id).toBe(p.id)
    expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({
      status: 'failed',
      method: 'upi',
      vpa: 'failure@razorpay',
      fee: null,
      error_code: UPI_FAILURE.code,
      error_description: UPI_FAILURE.description,
      error_source: UPI_FAILURE.source,
      error_step: UPI_FAILURE.step,
      error_reason: UPI_FAILURE.reason,
    })
    expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'attempted', attempts: 1 })
    const events = await eventsOf(s, s.merchant.id, p.id)
    expect(eventNames(events)).toEqual(['payment.failed'])
    expect(events[0].payload.payment.entity).toMatchObject({ status: 'failed', error_reason: 'payment_failed' })
  })

  it('the order can be paid after a failed UPI attempt; attempts counts both', async () => {
    const order = await newOrder(s.merchant, 10000)
    await upiPayment(s.merchant, 'failure@razorpay', { orderId: order.id })
    const ok = await upiPayment(s.merchant, 'success@razorpay', { orderId: order.id })
    await s.merchant.rzp.payments.capture(ok.id, 10000, 'INR')
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'paid', attempts: 2, amount_paid: 10000, amount_due: 0 })
  })

  it('refuses a malformed VPA (400 invalid_vpa) and the intent flow, creating nothing', async () => {
    const m = await s.newMerchant()
    const order = await newOrder(m, 10000)
    const bad = await sdkError(
      m.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, method: 'upi', vpa: 'not-a-vpa' } as any),
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.error).toMatchObject({
      code: 'BAD_REQUEST_ERROR',
      description: 'Invalid VPA. Please enter a valid Virtual Payment Address',
      reason: 'invalid_vpa',
      field: 'vpa',
    })
    const noVpa = await sdkError(
      m.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, method: 'upi' } as any),
    )
    expect(noVpa.error).toMatchObject({ description: 'The vpa field is required.', field: 'vpa' })
    const intent = await sdkError(m.rzp.payments.createUpi({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, method: 'upi', upi: { flow: 'intent' } } as any))
    expect(intent.statusCode).toBe(400)
    expect(intent.error.field).toBe('upi[flow]')
    expect(await countRows(s, 'payments', m.id)).toBe(0)
    expect(await countEvents(s, m.id)).toBe(0)
    expect(await m.rzp.orders.fetch(order.id)).toMatchObject({ status: 'created', attempts: 0 })
  })
})

describe('create/upi', () => {
  const body = (orderId: string, vpa: string) =>
    ({ amount: 10000, currency: 'INR', order_id: orderId, ...testCustomer, method: 'upi', upi: { flow: 'collect', vpa, expiry_time: 5 } }) as any

  it('success@razorpay → authorized; failure@razorpay → failed', async () => {
    const o1 = await newOrder(s.merchant, 10000)
    const ok: any = await s.merchant.rzp.payments.createUpi(body(o1.id, 'success@razorpay'))
    expect(ok).toEqual({ razorpay_payment_id: expect.stringMatching(/^pay_[0-9A-Za-z]{14}$/), next: poll(ok.razorpay_payment_id) })
    expect(await s.merchant.rzp.payments.fetch(ok.razorpay_payment_id)).toMatchObject({ status: 'authorized', method: 'upi', vpa: 'success@razorpay' })

    const o2 = await newOrder(s.merchant, 10000)
    const ko: any = await s.merchant.rzp.payments.createUpi(body(o2.id, 'failure@razorpay'))
    expect(await s.merchant.rzp.payments.fetch(ko.razorpay_payment_id)).toMatchObject({ status: 'failed', error_reason: 'payment_failed' })
  })

  it('auto-captures on an order that asks for it', async () => {
    const o = await newOrder(s.merchant, 10000, { payment_capture: 1 })
    const ok: any = await s.merchant.rzp.payments.createUpi(body(o.id, 'success@razorpay'))
    expect(await s.merchant.rzp.payments.fetch(ok.razorpay_payment_id)).toMatchObject({ status: 'captured', captured: true, fee: 236, tax: 36 })
    expect(await s.merchant.rzp.orders.fetch(o.id)).toMatchObject({ status: 'paid', amount_paid: 10000 })
  })

  it('requires the upi object', async () => {
    const o = await newOrder(s.merchant, 10000)
    const { upi: _upi, ...noUpi } = body(o.id, 'success@razorpay')
    const err = await sdkError(s.merchant.rzp.payments.createUpi(noUpi))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ description: 'The upi field is required.', field: 'upi' })
  })
})

describe('validate/vpa', () => {
  it('a valid VPA exists with the customer name', async () => {
    expect(await s.merchant.rzp.payments.validateVpa({ vpa: 'success@razorpay' })).toEqual({
      vpa: 'success@razorpay',
      success: true,
      customer_name: 'Gaurav Kumar',
    })
    expect(await s.merchant.rzp.payments.validateVpa({ vpa: 'gaurav.kumar@exampleupi' })).toMatchObject({ success: true })
  })

  it('failure@razorpay does not exist: success false, no customer_name', async () => {
    expect(await s.merchant.rzp.payments.validateVpa({ vpa: 'failure@razorpay' })).toEqual({ vpa: 'failure@razorpay', success: false })
  })

  it('a malformed VPA is a 400 invalid_vpa; a missing one is required', async () => {
    const err = await sdkError(s.merchant.rzp.payments.validateVpa({ vpa: 'gaurav' }))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ description: 'Invalid VPA. Please enter a valid Virtual Payment Address', reason: 'invalid_vpa', field: 'vpa' })
    const missing = await sdkError(s.merchant.rzp.payments.validateVpa({} as any))
    expect(missing.error).toMatchObject({ description: 'The vpa field is required.', field: 'vpa' })
  })
})

describe('GET /v1/methods', () => {
  it('lists what the simulated bank accepts', async () => {
    const methods: any = await s.merchant.rzp.payments.fetchPaymentMethods()
    expect(methods).toMatchObject({ entity: 'methods', card: true, upi: true, emi: true, upi_intent: false })
    expect(methods.netbanking).toMatchObject({ HDFC: 'HDFC Bank', SBIN: 'State Bank of India', ICIC: 'ICICI Bank' })
    expect(methods.wallet).toMatchObject({ payzapp: true, amazonpay: true })
    expect(methods.card_networks).toMatchObject({ VISA: 1, MC: 1, RUPAY: 1, AMEX: 1, DICL: 1 })
  })

  it('every listed bank and wallet can be paid with', async () => {
    const methods: any = await s.merchant.rzp.payments.fetchPaymentMethods()
    const m = await s.newMerchant()
    const order = await newOrder(m, 10000)
    const tries = [
      ...Object.keys(methods.netbanking).map((bank) => ({ method: 'netbanking', bank })),
      ...Object.keys(methods.wallet).map((wallet) => ({ method: 'wallet', wallet })),
    ]
    for (const t of tries) {
      const r: any = await m.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, ...t } as any)
      expect(r.razorpay_payment_id).toMatch(/^pay_/)
    }
    expect(await m.rzp.orders.fetch(order.id)).toMatchObject({ attempts: tries.length })
  })
})
