/**
 * The simulated bank page (raw HTTP; the SDK has no method for it): GET shows Success/Failure,
 * POST action=success|failure applies it, then shows a result page or, when create/json had a
 * callback_url, an auto-submitting form POST to it with razorpay_* or error[...] fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validatePaymentVerification } from 'razorpay/dist/utils/razorpay-utils.js'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import {
  bankAction,
  bankPage,
  eventNames,
  eventsOf,
  formTarget,
  hiddenFields,
  startCardPayment,
  startRedirectPayment,
} from '../../support/payments.js'
import { AUTH_FAILED, CARD_ERROR_DESCRIPTIONS, ERROR_CARDS, errorCodeOf } from '../../support/test-instruments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())

const CALLBACK = 'https://merchant.example.com/payment/callback?ref=a&b=1'

describe('GET /v1/payments/:id/authenticate', () => {
  it('shows the payment with a Success and a Failure button posting back to itself', async () => {
    const p = await startRedirectPayment(s.merchant, 'netbanking', { amount: 123456, bank: 'SBIN' })
    const page = await bankPage(s, p.id)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.text).toContain(p.id)
    expect(page.text).toContain('INR 1234.56')
    expect(page.text).toContain('State Bank of India')
    expect(page.text).toMatch(/<button[^>]*name="action"[^>]*value="success"[^>]*>Success<\/button>/)
    expect(page.text).toMatch(/<button[^>]*name="action"[^>]*value="failure"[^>]*>Failure<\/button>/)
    expect(formTarget(page.text)).toEqual({ method: 'post', action: `/v1/payments/${p.id}/authenticate` })
  })

  it('is the redirect URL that create/json hands out, for cards too', async () => {
    const p = await startCardPayment(s.merchant, '5500670000001002')
    const redirect = p.created.next.find((n: any) => n.action === 'redirect')
    const res = await fetch(redirect.url)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('MasterCard card ending 1002')
  })

  it('netbanking and wallet create/json offer only the redirect', async () => {
    const nb = await startRedirectPayment(s.merchant, 'netbanking')
    expect(nb.created).toEqual({ razorpay_payment_id: nb.id, next: [{ action: 'redirect', url: `${s.url}/v1/payments/${nb.id}/authenticate` }] })
    const w = await startRedirectPayment(s.merchant, 'wallet', { wallet: 'amazonpay' })
    expect(w.created.next).toEqual([{ action: 'redirect', url: `${s.url}/v1/payments/${w.id}/authenticate` }])
    expect(await bankPage(s, w.id).then((r) => r.text)).toContain('amazonpay')
  })

  it('answers 404 for an unknown payment and "nothing to authenticate" once processed', async () => {
    const missing = await bankPage(s, 'pay_00000000000000')
    expect(missing.status).toBe(404)
    expect(missing.text).toContain('Payment not found')
    const p = await startRedirectPayment(s.merchant, 'netbanking')
    await bankAction(s, p.id, 'success')
    const done = await bankPage(s, p.id)
    expect(done.text).toContain('Nothing to authenticate')
    expect(done.text).not.toContain('value="success"')
  })
})

describe('POST /v1/payments/:id/authenticate without a callback_url', () => {
  for (const method of ['netbanking', 'wallet'] as const) {
    it(`${method}: Success authorizes the payment`, async () => {
      const p = await startRedirectPayment(s.merchant, method)
      const res = await bankAction(s, p.id, 'success')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.text).toContain('Payment successful')
      expect(res.text).toContain(p.id)
      const payment: any = await s.merchant.rzp.payments.fetch(p.id)
      expect(payment).toMatchObject({
        status: 'authorized',
        method,
        captured: false,
        fee: null,
        bank: method === 'netbanking' ? 'HDFC' : null,
        wallet: method === 'wallet' ? 'payzapp' : null,
        card_id: null,
        error_code: null,
      })
      expect(await s.merchant.rzp.orders.fetch(p.orderId)).toMatchObject({ status: 'attempted', attempts: 1, amount_paid: 0 })
      expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual(['payment.authorized'])
    })

    it(`${method}: Failure fails the payment with the documented bank-page error`, async () => {
      const p = await startRedirectPayment(s.merchant, method)
      const res = await bankAction(s, p.id, 'failure')
      expect(res.status).toBe(200)
      expect(res.text).toContain('Payment failed')
      expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({
        status: 'failed',
        error_code: 'BAD_REQUEST_ERROR',
        error_description: 'Payment failed',
        error_source: method === 'netbanking' ? 'bank' : 'issuer',
        error_step: 'payment_authorization',
        error_reason: 'payment_failed',
      })
      expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual(['payment.failed'])
    })
  }

  it('card: Success authorizes a success card; Failure fails it with authentication_failed', async () => {
    const ok = await startCardPayment(s.merchant)
    await bankAction(s, ok.id, 'success')
    expect((await s.merchant.rzp.payments.fetch(ok.id)).status).toBe('authorized')
    const ko = await startCardPayment(s.merchant)
    await bankAction(s, ko.id, 'failure')
    expect(await s.merchant.rzp.payments.fetch(ko.id)).toMatchObject({
      status: 'failed',
      error_code: AUTH_FAILED.code,
      error_description: AUTH_FAILED.description,
      error_reason: 'authentication_failed',
    })
  })

  for (const [number, network, reason] of ERROR_CARDS.filter((_c, i) => i % 2 === 0)) {
    it(`error card ${network} ${number}: Failure gives ${reason}`, async () => {
      const p = await startCardPayment(s.merchant, number)
      await bankAction(s, p.id, 'failure')
      expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({
        status: 'failed',
        error_code: errorCodeOf(reason),
        error_description: CARD_ERROR_DESCRIPTIONS[reason],
        error_reason: reason,
      })
    })
  }

  it('an error card fails with its own error even when Success is pressed', async () => {
    const p = await startCardPayment(s.merchant, '5305620000050001')
    const res = await bankAction(s, p.id, 'success')
    expect(res.text).toContain(CARD_ERROR_DESCRIPTIONS.insufficient_fund)
    expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'failed', error_reason: 'insufficient_fund' })
  })

  it('a processed payment cannot be acted on again, and its state does not change', async () => {
    const p = await startRedirectPayment(s.merchant, 'netbanking')
    await bankAction(s, p.id, 'success')
    const again = await bankAction(s, p.id, 'failure')
    expect(again.status).toBe(400)
    expect(again.text).toContain('Payment not processed')
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
    expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual(['payment.authorized'])
  })

  it('a card payment authorized on the bank page refuses a later OTP, and vice versa', async () => {
    const p = await startCardPayment(s.merchant)
    await bankAction(s, p.id, 'success')
    expect((await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' }))).statusCode).toBe(400)
    const q = await startCardPayment(s.merchant)
    await s.merchant.rzp.payments.otpSubmit(q.id, { otp: '1234' })
    expect((await bankAction(s, q.id, 'failure')).status).toBe(400)
    expect((await s.merchant.rzp.payments.fetch(q.id)).status).toBe('authorized')
  })

  it('refuses an unknown action and an unknown payment without changing anything', async () => {
    const p = await startRedirectPayment(s.merchant, 'wallet')
    const bad = await bankAction(s, p.id, 'maybe')
    expect(bad.status).toBe(400)
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('created')
    const missing = await bankAction(s, 'pay_00000000000000', 'success')
    expect(missing.status).toBe(400)
    expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual([])
  })
})

describe('POST /v1/payments/:id/authenticate with a callback_url', () => {
  it('Success posts razorpay_payment_id, razorpay_order_id and a valid razorpay_signature to the callback', async () => {
    const p = await startRedirectPayment(s.merchant, 'netbanking', { callback_url: CALLBACK })
    const res = await bankAction(s, p.id, 'success')
    expect(res.status).toBe(200)
    expect(formTarget(res.text)).toEqual({ method: 'post', action: CALLBACK })
    expect(res.text).toMatch(/<script>[^<]*\.submit\(\)/)
    const fields = hiddenFields(res.text)
    expect(Object.keys(fields).sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature'])
    expect(fields.razorpay_payment_id).toBe(p.id)
    expect(fields.razorpay_order_id).toBe(p.orderId)
    expect(validatePaymentVerification({ order_id: p.orderId, payment_id: p.id }, fields.razorpay_signature, s.merchant.keySecret)).toBe(true)
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
  })

  it('Failure posts the error[...] fields to the callback', async () => {
    const p = await startCardPayment(s.merchant, '4100280000070002', { callback_url: CALLBACK })
    const res = await bankAction(s, p.id, 'failure')
    expect(formTarget(res.text)).toEqual({ method: 'post', action: CALLBACK })
    const fields = hiddenFields(res.text)
    expect(fields).toEqual({
      'error[code]': 'BAD_REQUEST_ERROR',
      'error[description]': CARD_ERROR_DESCRIPTIONS.payment_cancelled,
      'error[source]': 'customer',
      'error[step]': 'payment_authentication',
      'error[reason]': 'payment_cancelled',
      'error[metadata]': expect.any(String),
    })
    expect(JSON.parse(fields['error[metadata]'])).toEqual({ payment_id: p.id, order_id: p.orderId })
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('failed')
  })

  it('the signature is made with the merchant’s own secret (another merchant’s payment signs with theirs)', async () => {
    const b = await s.newMerchant()
    const p = await startRedirectPayment(b, 'wallet', { callback_url: CALLBACK })
    const fields = hiddenFields((await bankAction(s, p.id, 'success')).text)
    expect(validatePaymentVerification({ order_id: p.orderId, payment_id: p.id }, fields.razorpay_signature, b.keySecret)).toBe(true)
    expect(validatePaymentVerification({ order_id: p.orderId, payment_id: p.id }, fields.razorpay_signature, s.merchant.keySecret)).toBe(false)
  })
})
