/**
 * The native-OTP API (otp_generate, otp/submit, otp/resend) and the simulated bank's OTP rule:
 * 4–10 digits authenticate, 1–3 digits fail the payment, anything else is a 400 that leaves the
 * payment as it was. Error test cards fail with their documented error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validatePaymentVerification } from 'razorpay/dist/utils/razorpay-utils.js'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { countEvents, eventNames, eventsOf, startCardPayment, startRedirectPayment } from '../../support/payments.js'
import { AUTH_FAILED, CARD_ERROR_DESCRIPTIONS as DESCRIPTIONS, ERROR_CARDS, errorCodeOf } from '../../support/test-instruments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())


describe('otp/submit: the OTP rule', () => {
  for (const otp of ['1234', '12345', '123456', '0000', '1234567890']) {
    it(`OTP "${otp}" (${otp.length} digits) authorizes and returns a verifiable signature`, async () => {
      const p = await startCardPayment(s.merchant)
      const auth: any = await s.merchant.rzp.payments.otpSubmit(p.id, { otp })
      expect(Object.keys(auth).sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature'])
      expect(auth.razorpay_payment_id).toBe(p.id)
      expect(auth.razorpay_order_id).toBe(p.orderId)
      expect(validatePaymentVerification({ order_id: p.orderId, payment_id: p.id }, auth.razorpay_signature, s.merchant.keySecret)).toBe(true)
      expect(validatePaymentVerification({ order_id: p.orderId, payment_id: p.id }, auth.razorpay_signature, 'another-secret')).toBe(false)
      expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
    })
  }

  it('accepts the OTP as a JSON number too', async () => {
    const p = await startCardPayment(s.merchant)
    await s.merchant.rzp.payments.otpSubmit(p.id, { otp: 987654 } as any)
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
  })

  for (const otp of ['1', '12', '123']) {
    it(`OTP "${otp}" (${otp.length} digits) fails the payment with authentication_failed`, async () => {
      const p = await startCardPayment(s.merchant)
      const err = await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp }))
      expect(err.statusCode).toBe(502) // GATEWAY_ERROR
      expect(err.error).toMatchObject({ ...AUTH_FAILED, metadata: { payment_id: p.id, order_id: p.orderId } })
      const failed: any = await s.merchant.rzp.payments.fetch(p.id)
      expect(failed).toMatchObject({
        status: 'failed',
        captured: false,
        fee: null,
        tax: null,
        error_code: AUTH_FAILED.code,
        error_description: AUTH_FAILED.description,
        error_reason: 'authentication_failed',
        error_source: 'customer',
        error_step: 'payment_authentication',
      })
      // A failed payment is final: a correct OTP afterwards does not revive it.
      const again = await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp: '123456' }))
      expect(again.statusCode).toBe(400)
      expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('failed')
    })
  }

  const INVALID: [string, unknown, string][] = [
    ['letters', 'abcd', 'The otp must be 4 to 10 digits.'],
    ['digits and letters', '12ab', 'The otp must be 4 to 10 digits.'],
    ['11 digits', '12345678901', 'The otp must be 4 to 10 digits.'],
    ['a negative number', '-1234', 'The otp must be 4 to 10 digits.'],
    ['an empty string', '', 'The otp field is required.'],
  ]
  for (const [label, otp, description] of INVALID) {
    it(`OTP as ${label} is a 400 validation error and leaves the payment created`, async () => {
      const p = await startCardPayment(s.merchant)
      const eventsBefore = await countEvents(s, s.merchant.id)
      const err = await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp } as any))
      expect(err.statusCode).toBe(400)
      expect(err.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description, field: 'otp', reason: 'input_validation_failed' })
      expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'created', error_code: null, error_reason: null })
      expect(await countEvents(s, s.merchant.id)).toBe(eventsBefore)
      // The customer can still authenticate with a good OTP.
      await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '4321' })
      expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
    })
  }

  it('a missing otp is a 400 with the payment unchanged', async () => {
    const p = await startCardPayment(s.merchant)
    const err = await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, {} as any))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ description: 'The otp field is required.', field: 'otp' })
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('created')
  })

  it('refuses an OTP for a payment that is already authorized', async () => {
    const p = await startCardPayment(s.merchant)
    await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
    const err = await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' }))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', metadata: { payment_id: p.id, order_id: p.orderId } })
    expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'authorized' })
    expect(eventNames(await eventsOf(s, s.merchant.id, p.id))).toEqual(['payment.authorized'])
  })

  it('refuses the OTP API for a netbanking payment', async () => {
    const p = await startRedirectPayment(s.merchant, 'netbanking')
    const err = await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' }))
    expect(err.statusCode).toBe(400)
    expect(err.error.description).toBe('The otp authentication type is not applicable on this payment')
    expect((await sdkError(s.merchant.rzp.payments.otpGenerate(p.id))).error.description).toBe(
      'The otp authentication type is not applicable on this payment',
    )
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('created')
  })
})

describe('otp_generate and otp/resend', () => {
  it('otp_generate returns next actions and the card metadata', async () => {
    const p = await startCardPayment(s.merchant, '5500670000001002')
    const gen: any = await s.merchant.rzp.payments.otpGenerate(p.id)
    expect(gen).toEqual({
      razorpay_payment_id: p.id,
      next: [
        { action: 'otp_submit', url: `${s.url}/v1/payments/${p.id}/otp/submit?key_id=${s.merchant.keyId}` },
        { action: 'otp_resend', url: `${s.url}/v1/payments/${p.id}/otp/resend?key_id=${s.merchant.keyId}` },
      ],
      metadata: { issuer: null, network: 'MC', last4: '1002', iin: '550067' },
    })
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('created')
  })

  it('otp/resend returns next actions and leaves the payment waiting; the OTP still works', async () => {
    const p = await startCardPayment(s.merchant)
    const resent: any = await s.merchant.rzp.payments.otpResend(p.id)
    expect(resent.razorpay_payment_id).toBe(p.id)
    expect(resent.next.map((n: any) => n.action)).toEqual(['otp_submit', 'otp_resend'])
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('created')
    await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
    expect((await s.merchant.rzp.payments.fetch(p.id)).status).toBe('authorized')
  })

  it('otp_generate and otp/resend refuse a payment that is no longer waiting', async () => {
    const p = await startCardPayment(s.merchant)
    await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
    expect((await sdkError(s.merchant.rzp.payments.otpGenerate(p.id))).statusCode).toBe(400)
    expect((await sdkError(s.merchant.rzp.payments.otpResend(p.id))).statusCode).toBe(400)
  })

  it('the otp/submit URL from next[] works with raw HTTP and a form body', async () => {
    const p = await startCardPayment(s.merchant)
    const url = new URL(p.created.next[0].url)
    const res = await s.merchant.http('POST', url.pathname + url.search, 'otp=123456', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ razorpay_payment_id: p.id, razorpay_order_id: p.orderId })
  })
})

describe('error test cards fail with their documented error (OTP flow)', () => {
  for (const [number, network, reason] of ERROR_CARDS) {
    const code = errorCodeOf(reason)
    it(`${network} ${number} → ${code} ${reason}`, async () => {
      const p = await startCardPayment(s.merchant, number)
      expect(await s.merchant.rzp.payments.fetchCardDetails(p.id)).toMatchObject({ network, last4: number.slice(-4) })
      const err = await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp: '123456' }))
      expect(err.statusCode).toBe(code === 'GATEWAY_ERROR' ? 502 : 400)
      expect(err.error).toMatchObject({ code, description: DESCRIPTIONS[reason], reason, metadata: { payment_id: p.id, order_id: p.orderId } })
      const failed: any = await s.merchant.rzp.payments.fetch(p.id)
      expect(failed).toMatchObject({
        status: 'failed',
        captured: false,
        fee: null,
        tax: null,
        error_code: code,
        error_description: DESCRIPTIONS[reason],
        error_reason: reason,
        error_source: err.error.source,
        error_step: err.error.step,
      })
      expect(['customer', 'business', 'internal', 'gateway', 'issuer_bank']).toContain(failed.error_source)
      expect(['payment_initiation', 'card_enrollment_check', 'payment_authentication', 'payment_authorization', 'payment_capture']).toContain(
        failed.error_step,
      )
      const events = await eventsOf(s, s.merchant.id, p.id)
      expect(eventNames(events)).toEqual(['payment.failed'])
      expect(events[0].payload.payment.entity).toMatchObject({ id: p.id, status: 'failed', error_reason: reason })
    })
  }

  it('payment_cancelled carries the documented source and step (entity sample)', async () => {
    const p = await startCardPayment(s.merchant, '4100280000070002')
    await sdkError(s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' }))
    expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ error_source: 'customer', error_step: 'payment_authentication' })
  })
})
