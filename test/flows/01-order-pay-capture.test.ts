import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validatePaymentVerification } from 'razorpay/dist/utils/razorpay-utils.js'
import { sdkError, startTestServer, type TestServer } from '../support/harness.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const card = (number = '4111111111111111') => ({ number, name: 'Gaurav Kumar', expiry_month: '12', expiry_year: '30', cvv: '123' })
const customer = { email: 'gaurav.kumar@example.com', contact: '9000090000' }

describe('order → create/json → otp → capture', () => {
  it('pays an order with a test card and captures it', async () => {
    const rzp = s.merchant.rzp
    const order = await rzp.orders.create({ amount: 50000, currency: 'INR', receipt: 'flow-1' })
    const created: any = await rzp.payments.createPaymentJson({ amount: 50000, currency: 'INR', order_id: order.id, ...customer, method: 'card', card: card() })
    expect(created.razorpay_payment_id).toMatch(/^pay_[0-9A-Za-z]{14}$/)
    expect(created.next.map((n: any) => n.action)).toEqual(['otp_submit', 'otp_resend', 'redirect'])
    const pending = await rzp.payments.fetch(created.razorpay_payment_id)
    expect(pending).toMatchObject({ status: 'created', captured: false, fee: null, tax: null, method: 'card' })
    expect((await rzp.orders.fetch(order.id)).status).toBe('attempted')

    const auth: any = await rzp.payments.otpSubmit(created.razorpay_payment_id, { otp: '123456' })
    expect(auth.razorpay_order_id).toBe(order.id)
    expect(
      validatePaymentVerification({ order_id: order.id, payment_id: created.razorpay_payment_id }, auth.razorpay_signature, s.merchant.keySecret),
    ).toBe(true)
    const authorized = await rzp.payments.fetch(created.razorpay_payment_id, { 'expand[]': 'card' } as any)
    expect(authorized).toMatchObject({ status: 'authorized', captured: false, fee: null })

    const captured = await rzp.payments.capture(created.razorpay_payment_id, 50000, 'INR')
    expect(captured).toMatchObject({ status: 'captured', captured: true, fee: 1000, tax: 0, amount: 50000 })
    const paid = await rzp.orders.fetch(order.id)
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 50000, amount_due: 0, attempts: 1 })

    const again = await sdkError(rzp.payments.capture(created.razorpay_payment_id, 50000, 'INR'))
    expect(again.statusCode).toBe(400)
    expect(again.error.description).toBe('This payment has already been captured')
  })

  it('fails an error card with its documented error', async () => {
    const rzp = s.merchant.rzp
    const order = await rzp.orders.create({ amount: 1000, currency: 'INR' })
    const created: any = await rzp.payments.createPaymentJson({ amount: 1000, currency: 'INR', order_id: order.id, ...customer, method: 'card', card: card('4100280000080001') })
    const err = await sdkError(rzp.payments.otpSubmit(created.razorpay_payment_id, { otp: '1234' }))
    expect(err.statusCode).toBe(400)
    expect(err.error.reason).toBe('insufficient_fund')
    const p = await rzp.payments.fetch(created.razorpay_payment_id)
    expect(p).toMatchObject({ status: 'failed', error_reason: 'insufficient_fund' })
  })
})
