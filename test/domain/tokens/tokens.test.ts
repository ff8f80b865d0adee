/**
 * Tokens and recurring charges: refusals with their documented reasons, the test instruments
 * (rejected mandate, insufficient funds), UPI Autopay (VPA token, pre-debit window, pause/resume/
 * revoke by the customer), paper NACH (form upload over multipart), and the customer token endpoints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { advance, HOUR } from '../../support/ist-clock.js'
import { eventsOf } from '../../support/payments.js'
import { cardToken, charge, emandateToken, newCustomer, upiToken } from './support.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

/** 2020-01-15 00:00 UTC = 05:30 IST, a Wednesday. */
const START = 1579046400

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => START })
})
afterAll(() => s.close())

const reason = (r: { body: any }) => r.body.error?.reason

describe('create/recurring refusals', () => {
  it('refuses a foreign, unconfirmed or over-limit charge with no payment, and answers the trio otherwise', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m, 'Customer A')
    const b = await newCustomer(m, 'Customer B')
    const token = await cardToken(m, a, { max_amount: 5000, frequency: 'monthly' })
    expectError(await charge(m, b, token, 1000), 400, { description: 'The id provided does not exist', field: 'token' })
    expectError(await charge(m, a, 'token_nope', 1000), 400, { description: 'token_nope is not a valid id', field: 'token' })
    expectError(await charge(m, a, token, 5001), 400, {
      description: 'The payment failed as the amount does not match the amount provided at the time of mandate creation.',
      field: 'token',
      reason: 'amount_does_not_match_mandate_amount',
    })
    const other = await s.newMerchant()
    expect(reason(await charge(other, a, token, 1000))).toBe('input_validation_failed') // customer of another merchant
    const ok = await charge(m, a, token, 5000)
    expect(ok.status, ok.text).toBe(200)
    expect(Object.keys(ok.body).sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature'])
    // The amount must be the order's; an authorisation order is not charged.
    const order: any = await m.rzp.orders.create({ amount: 2000, currency: 'INR' })
    const mismatch = await m.http('POST', '/v1/payments/create/recurring', { email: 'a@b.co', contact: '9000090000', amount: 1000, currency: 'INR', order_id: order.id, customer_id: a, token, recurring: 1 })
    expectError(mismatch, 400, { description: 'The amount must be equal to the order amount.', field: 'amount' })
    const notRecurring = await m.http('POST', '/v1/payments/create/recurring', { email: 'a@b.co', contact: '9000090000', amount: 2000, currency: 'INR', order_id: order.id, customer_id: a, token, recurring: 0 })
    expectError(notRecurring, 400, { description: 'The recurring field must be 1 or true for a recurring payment.', field: 'recurring' })
    expect(((await m.rzp.orders.fetchPayments(order.id)) as any).count).toBe(0)
  })

  it('a token expires at its expire_at (default: the card’s expiry)', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const token = await cardToken(m, a, { max_amount: 5000, expire_at: START + HOUR })
    expect((await charge(m, a, token, 1000)).status).toBe(200)
    await advance(m, 2 * HOUR)
    expectError(await charge(m, a, token, 1000), 400, { description: 'The mandate has expired.', field: 'token', reason: 'mandate_expired' })
    expect(((await m.rzp.customers.fetchTokens(a)) as any).count).toBe(0) // expired tokens are not listed
    const byCard = await cardToken(m, a)
    expect(((await m.rzp.customers.fetchToken(a, byCard)) as any).expired_at).toBe(Date.UTC(2031, 0, 1) / 1000 - 19800 - 1)
  })
})

describe('e-mandate test instruments', () => {
  it('account 1111111111: the bank rejects the mandate (token.rejected); it is not listed and not chargeable', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const token = await emandateToken(s, m, a, { accountNumber: '1111111111' })
    const t: any = await m.rzp.customers.fetchToken(a, token)
    expect(t).toMatchObject({ recurring: false, recurring_details: { status: 'rejected', failure_reason: 'Rejected by bank' } })
    expect((await eventsOf(s, m.id, token)).map((e) => e.event)).toEqual(['token.rejected'])
    expect(((await m.rzp.customers.fetchTokens(a)) as any).count).toBe(0)
    expectError(await charge(m, a, token, 1000), 400, { description: 'The mandate is not active: the token is rejected.', field: 'token', reason: 'mandate_not_active' })
  })

  it('Aadhaar: initiated until the cut-off, and not chargeable before it', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const token = await emandateToken(s, m, a, { authType: 'aadhaar' })
    expect(reason(await charge(m, a, token, 1000))).toBe('mandate_not_active')
    await advance(m, 4 * HOUR)
    expect((await charge(m, a, token, 1000)).status).toBe(200)
  })

  it('account 2222222222: registered, but every debit fails with insufficient_funds when the bank answers', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const token = await emandateToken(s, m, a, { accountNumber: '2222222222' })
    const r = await charge(m, a, token, 1000, { payment_capture: 1 })
    expect(r.status).toBe(200)
    expect(((await m.rzp.payments.fetch(r.body.razorpay_payment_id)) as any).status).toBe('created')
    // Another charge on the same order waits for this one's outcome.
    const again = await m.http('POST', '/v1/payments/create/recurring', { email: 'a@b.co', contact: '9000090000', amount: 1000, currency: 'INR', order_id: r.body.razorpay_order_id, customer_id: a, token, recurring: 1 })
    expect([again.status, again.body.error.field]).toEqual([400, 'order_id'])
    await advance(m, 2 * 24 * HOUR)
    const p: any = await m.rzp.payments.fetch(r.body.razorpay_payment_id)
    expect(p).toMatchObject({
      status: 'failed',
      error_code: 'BAD_REQUEST_ERROR',
      error_reason: 'insufficient_funds',
      error_description: 'The customer does not have sufficient funds in the account to complete the payment.',
    })
    expect((await eventsOf(s, m.id, p.id)).map((e) => e.event)).toEqual(['payment.failed'])
  })
})

describe('UPI Autopay', () => {
  it('registers a VPA token at once; debits wait 25 hours after the pre-debit notification', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const token = await upiToken(m, a)
    const t: any = await m.rzp.customers.fetchToken(a, token)
    expect(t).toMatchObject({
      method: 'upi',
      vpa: { username: 'gaurav.kumar', handle: 'upi', name: null },
      recurring_details: { status: 'confirmed' },
      auth_type: null,
      start_time: START,
      max_amount: 200000,
    })
    expect(t.card).toBeUndefined()
    const r = await charge(m, a, token, 150000, { payment_capture: 1 })
    expect(r.status).toBe(200)
    await advance(m, 24 * HOUR)
    expect(((await m.rzp.payments.fetch(r.body.razorpay_payment_id)) as any).status).toBe('created')
    await advance(m, HOUR)
    expect(((await m.rzp.payments.fetch(r.body.razorpay_payment_id)) as any)).toMatchObject({ status: 'captured', method: 'upi', vpa: 'gaurav.kumar@upi' })
  })

  it('the customer pauses, resumes and revokes the mandate in their UPI app (sandbox)', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const token = await upiToken(m, a)
    const pause = await m.http('POST', `/_sandbox/tokens/${token}/pause`)
    expect(pause.body.recurring_details.status).toBe('paused')
    expectError(await charge(m, a, token, 1000), 400, { description: 'UPI mandate is not active, it is paused by user.', field: 'token', reason: 'mandate_paused' })
    expect((await m.http('POST', `/_sandbox/tokens/${token}/resume`)).body.recurring_details.status).toBe('confirmed')
    expect((await charge(m, a, token, 1000)).status).toBe(200)
    expect((await m.http('POST', `/_sandbox/tokens/${token}/revoke`)).body.recurring_details.status).toBe('cancelled')
    expectError(await charge(m, a, token, 1000), 400, {
      description: 'UPI mandate created for payment has been cancelled by user.',
      field: 'token',
      reason: 'mandate_cancelled',
    })
    expect((await eventsOf(s, m.id, token)).map((e) => e.event)).toEqual(['token.confirmed', 'token.paused', 'token.cancelled'])
    expect((await m.http('POST', `/_sandbox/tokens/${token}/pause`)).status).toBe(400)
  })

  it('a VPA on the @insufficient handle registers, but its debits fail', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const token = await upiToken(m, a, 'gaurav@insufficient')
    const r = await charge(m, a, token, 1000)
    await advance(m, 26 * HOUR)
    expect(((await m.rzp.payments.fetch(r.body.razorpay_payment_id)) as any)).toMatchObject({
      status: 'failed',
      error_reason: 'insufficient_funds',
      error_description: 'Transaction failed due to insufficient funds.',
    })
  })
})

describe('paper NACH', () => {
  it('uploads the signed form (multipart): the trio, a token initiated until the bank verifies it', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m)
    const order: any = await m.rzp.orders.create({
      amount: 0,
      currency: 'INR',
      customer_id: a,
      method: 'nach',
      token: { auth_type: 'physical', max_amount: 10000000, bank_account: { account_number: '11214311215411', ifsc_code: 'HDFC0000001', beneficiary_name: 'Gaurav Kumar' }, nach: { form_reference1: 'Ref 1' } },
    } as any)
    const upload = (file: Blob, name: string) => {
      const form = new FormData()
      form.set('order_id', order.id)
      form.set('recurring', '1')
      form.set('file', file, name)
      return fetch(`${s.url}/v1/payments/create/nach/file`, {
        method: 'POST',
        body: form,
        headers: { authorization: 'Basic ' + Buffer.from(`${m.keyId}:${m.keySecret}`).toString('base64') },
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
    }
    const bad = await upload(new Blob(['%PDF'], { type: 'application/pdf' }), 'form.pdf')
    expect(bad).toMatchObject({ status: 400, body: { error: { reason: 'unknown_file_type', step: 'form_upload', metadata: { order_id: order.id } } } })
    const ok = await upload(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'signed.jpg')
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ razorpay_payment_id: expect.stringMatching(/^pay_/), razorpay_order_id: order.id, razorpay_signature: expect.any(String) })
    const p: any = await m.rzp.payments.fetch(ok.body.razorpay_payment_id)
    expect(p).toMatchObject({ method: 'nach', status: 'captured', amount: 0, bank: 'HDFC', customer_id: a })
    const t = () => m.rzp.customers.fetchToken(a, p.token_id) as Promise<any>
    expect(await t()).toMatchObject({ method: 'nach', auth_type: 'physical', recurring_details: { status: 'initiated' }, bank_details: { account_number: '11214311215411' } })
    await advance(m, 24 * HOUR) // the second 09:00 IST cut-off: Thursday
    expect((await t()).recurring_details.status).toBe('initiated')
    await advance(m, 12 * HOUR)
    expect((await t()).recurring_details.status).toBe('confirmed')
    expect((await upload(new Blob([new Uint8Array([1])], { type: 'image/png' }), 'again.png')).body.error.reason).toBe('form_mismatch')
  })
})

describe('customer token endpoints', () => {
  it('fetchToken/deleteToken are scoped to the customer; a deleted token is not deleted twice', async () => {
    const m = await s.newMerchant()
    const a = await newCustomer(m, 'Customer A')
    const b = await newCustomer(m, 'Customer B')
    const token = await cardToken(m, a)
    expect((await sdkError(m.rzp.customers.fetchToken(b, token))).error.description).toBe('The id provided does not exist')
    expect((await sdkError(m.rzp.customers.deleteToken(b, token))).error.description).toBe('The id provided does not exist')
    expect(await m.rzp.customers.deleteToken(a, token)).toEqual({ deleted: true })
    expect((await sdkError(m.rzp.customers.deleteToken(a, token))).error.description).toBe('The id provided does not exist')
  })
})
