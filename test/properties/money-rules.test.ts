/**
 * Property tests for the money rules, against the real server:
 *  - no sequence of refund requests refunds more than the captured amount, and the payment's
 *    amount_refunded / refund_status / status always agree with the refunds that succeeded;
 *  - an order's amount_paid + amount_due = amount through any sequence of partial payments.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/harness.js'
import { capturedPayment, testCard, testCustomer } from '../support/factories.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

describe('money rules', () => {
  it('refunds never exceed the captured amount', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 100000 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 150000 }), { nil: undefined }), { minLength: 1, maxLength: 8 }),
        async (amount, requests) => {
          const pay = await capturedPayment(s.merchant, amount)
          let refunded = 0
          for (const req of requests) {
            const res = await s.merchant.http('POST', `/v1/payments/${pay.id}/refund`, req === undefined ? {} : { amount: req })
            const remaining = amount - refunded
            const expectedAmount = req ?? remaining
            const shouldSucceed = remaining > 0 && expectedAmount >= 100 && expectedAmount <= remaining
            expect(res.status).toBe(shouldSucceed ? 200 : 400)
            expect(res.status).not.toBe(500)
            if (res.status === 200) refunded += res.body.amount
            expect(refunded).toBeLessThanOrEqual(amount)
          }
          const p = await s.merchant.rzp.payments.fetch(pay.id)
          expect(p.amount_refunded).toBe(refunded)
          expect(p.refund_status).toBe(refunded === 0 ? null : refunded === amount ? 'full' : 'partial')
          expect(p.status).toBe(refunded === amount ? 'refunded' : 'captured')
        },
      ),
      { numRuns: 25 },
    )
  })

  it('amount_paid + amount_due = amount through partial payments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1000, max: 200000 }),
        fc.array(fc.integer({ min: 1, max: 100000 }), { minLength: 1, maxLength: 6 }),
        async (amount, payments) => {
          const rzp = s.merchant.rzp
          const order = await rzp.orders.create({ amount, currency: 'INR', partial_payment: true })
          let paid = 0
          for (const want of payments) {
            const res = await s.merchant.http('POST', '/v1/payments/create/json', {
              amount: want, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', card: testCard(),
            })
            expect(res.status).not.toBe(500)
            if (res.status !== 200) {
              expect(want < 100 || want > amount - paid).toBe(true)
              continue
            }
            await rzp.payments.otpSubmit(res.body.razorpay_payment_id, { otp: '1234' })
            await rzp.payments.capture(res.body.razorpay_payment_id, want, 'INR')
            paid += want
            const o = await rzp.orders.fetch(order.id)
            expect(o.amount_paid + o.amount_due).toBe(amount)
            expect(o.amount_paid).toBe(paid)
            expect(o.status).toBe(paid === amount ? 'paid' : 'attempted')
          }
        },
      ),
      { numRuns: 20 },
    )
  })
})
