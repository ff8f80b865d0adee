/**
 * The checkout's HTTP surface without a browser: the script, the page and its assets, and the
 * /v1/checkout/* endpoints the page calls with the public key id. Payments made here are the API's
 * own (same services): the SDK sees them, signatures verify, capture rules hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js'
import { startTestServer, type RawResponse, type TestMerchant, type TestServer } from '../support/harness.js'
import { bankAction, formTarget, hiddenFields, newOrder } from '../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */
const { validatePaymentVerification } = razorpayUtils as any

let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer()
  m = s.merchant
})
afterAll(() => s.close())

const json = (path: string, body: unknown) =>
  s.raw('POST', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })

const customer = { email: 'gaurav.kumar@example.com', contact: '+919000090000' }
const card = (number = '4111111111111111') => ({ number, expiry_month: '12', expiry_year: '30', cvv: '123', name: 'Gaurav Kumar' })

async function pay(body: Record<string, unknown>, merchant = m): Promise<RawResponse> {
  return json('/v1/checkout/payments', { key_id: merchant.keyId, currency: 'INR', ...customer, ...body })
}

async function cardPayment(orderAmount = 10000, number?: string, orderExtra: Record<string, unknown> = {}) {
  const order = await newOrder(m, orderAmount, orderExtra)
  const r = await pay({ order_id: order.id, amount: orderAmount, method: 'card', card: card(number) })
  return { order, r }
}

const otp = (id: string, value: string, keyId = m.keyId) => json(`/v1/checkout/payments/${id}/otp`, { key_id: keyId, otp: value })

describe('checkout.js and the page', () => {
  it.each(['/v1/checkout.js', '/checkout.js'])('%s is the script, with this server as its fallback origin', async (path) => {
    const r = await s.raw('GET', path)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(r.text).toContain('window.Razorpay = Razorpay')
    expect(r.text).toContain(`var FALLBACK_ORIGIN = ${JSON.stringify(s.url)}`)
  })

  it('serves the checkout page with a strict CSP and only its own assets', async () => {
    const r = await s.raw('GET', `/checkout/embedded?key_id=${m.keyId}&origin=${encodeURIComponent('http://shop.test')}&id=rzp1`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self'")
    // Offline: nothing is loaded from another host.
    expect(r.text).not.toMatch(/(src|href)="https?:/)
    const assets = [...r.text.matchAll(/(?:src|href)="(\/checkout\/assets\/[^"]+)"/g)].map((x) => x[1].replace(/&amp;/g, '&'))
    expect(assets.length).toBe(4)
    for (const a of assets) {
      const res = await s.raw('GET', a)
      expect(res.status, a).toBe(200)
      expect(res.headers.get('cache-control')).toContain('immutable')
    }
    const boot = JSON.parse(/<script type="application\/json" id="tijori-boot">(.*?)<\/script>/.exec(r.text)![1])
    expect(boot).toEqual({ mode: 'embedded', key_id: m.keyId, parent_origin: 'http://shop.test', channel: 'rzp1', options: null })
    expect((await s.raw('GET', '/checkout/assets/nope.js')).body.error.description).toBe('The requested URL was not found on the server.')
  })

  it('hosted checkout (POST /v1/checkout/embedded) renders the same page with the posted options', async () => {
    const order = await newOrder(m, 20000)
    const form = new URLSearchParams({
      key_id: m.keyId,
      amount: '20000',
      currency: 'INR',
      order_id: order.id,
      name: 'Acme',
      'prefill[email]': 'a@example.com',
      'notes[x]': '</script><script>alert(1)</script>',
      callback_url: 'https://shop.test/cb',
      cancel_url: 'https://shop.test/cancel',
      unknown: 'ignored',
    })
    const r = await s.raw('POST', '/v1/checkout/embedded', { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(r.status).toBe(200)
    expect(r.text).not.toContain('<script>alert(1)')
    const boot = JSON.parse(/<script type="application\/json" id="tijori-boot">(.*?)<\/script>/.exec(r.text)![1])
    expect(boot.mode).toBe('hosted')
    expect(boot.options).toEqual({
      key: m.keyId,
      amount: 20000,
      currency: 'INR',
      order_id: order.id,
      name: 'Acme',
      prefill: { email: 'a@example.com' },
      notes: { x: '</script><script>alert(1)</script>' },
      theme: {},
      callback_url: 'https://shop.test/cb',
      cancel_url: 'https://shop.test/cancel',
    })
  })
})

describe('preferences (by public key id)', () => {
  it('answers the methods and the order, with CORS for checkout.js', async () => {
    const order = await newOrder(m, 30000)
    const r = await s.raw('GET', `/v1/checkout/preferences?key_id=${m.keyId}&order_id=${order.id}`)
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
    expect(r.body.order).toMatchObject({ id: order.id, amount: 30000, amount_due: 30000, currency: 'INR', status: 'created' })
    expect(r.body.methods.netbanking.HDFC).toBe('HDFC Bank')
    expect(r.body.methods.emi_plans.HDFC.plans).toBeDefined()
    expect(r.body.merchant.name).toBe('Test')
  })

  it('refuses a missing or unknown key, another merchant’s order, invoices and recurring for now', async () => {
    const noKey = await s.raw('GET', '/v1/checkout/preferences')
    expect([noKey.status, noKey.body.error.description]).toEqual([401, 'The api key provided is invalid'])
    expect(noKey.headers.get('access-control-allow-origin')).toBe('*')
    expect((await s.raw('GET', '/v1/checkout/preferences?key_id=rzp_test_nope')).status).toBe(401)
    const other = await s.newMerchant()
    const theirs = await newOrder(other, 10000)
    const r = await s.raw('GET', `/v1/checkout/preferences?key_id=${m.keyId}&order_id=${theirs.id}`)
    expect([r.status, r.body.error.description, r.body.error.field]).toEqual([400, 'The id provided does not exist', 'order_id'])
    const inv = await s.raw('GET', `/v1/checkout/preferences?key_id=${m.keyId}&invoice_id=inv_123`)
    expect([inv.status, inv.body.error.field]).toEqual([400, 'invoice_id'])
    const rec = await s.raw('GET', `/v1/checkout/preferences?key_id=${m.keyId}&recurring=1`)
    expect([rec.status, rec.body.error.field]).toEqual([400, 'recurring'])
  })
})

describe('card payments through the checkout', () => {
  it('waits for the OTP, then answers the trio whose signature the SDK accepts', async () => {
    const { order, r } = await cardPayment(10000)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ status: 'created', order_id: order.id, next: { action: 'otp', card: { last4: '1111', network: 'Visa' } } })
    const id = r.body.payment_id
    const done = await otp(id, '1234')
    expect(done.body.status).toBe('authorized')
    const { razorpay_payment_id, razorpay_order_id, razorpay_signature } = done.body.response
    expect([razorpay_payment_id, razorpay_order_id]).toEqual([id, order.id])
    expect(validatePaymentVerification({ order_id: order.id, payment_id: id }, razorpay_signature, m.keySecret)).toBe(true)
    // The API's own payment: the SDK sees it, and the capture rules apply.
    const p: any = await m.rzp.payments.fetch(id, { 'expand[]': 'card' } as any)
    expect(p).toMatchObject({ status: 'authorized', method: 'card', order_id: order.id, contact: '+919000090000', card: { last4: '1111' } })
    await m.rzp.payments.capture(id, 10000, 'INR')
    expect((await m.rzp.orders.fetch(order.id)).status).toBe('paid')
  })

  it('auto-captures when the order asks for it', async () => {
    const { order, r } = await cardPayment(10000, undefined, { payment_capture: 1 })
    const done = await otp(r.body.payment_id, '123456')
    expect(done.body.status).toBe('captured')
    expect((await m.rzp.orders.fetch(order.id)).status).toBe('paid')
  })

  it('an OTP the bank refuses keeps the payment waiting; a short OTP fails it with the customer-facing error', async () => {
    const { r } = await cardPayment()
    const id = r.body.payment_id
    const bad = await otp(id, 'abcd')
    expect(bad.status).toBe(400)
    expect((await s.raw('GET', `/v1/checkout/payments/${id}?key_id=${m.keyId}`)).body.status).toBe('created')
    const short = await otp(id, '12')
    expect(short.status).toBe(200)
    expect(short.body).toMatchObject({
      status: 'failed',
      error: {
        code: 'GATEWAY_ERROR',
        reason: 'authentication_failed',
        description:
          'Your payment could not be completed due to incorrect OTP or verification details. Try another payment method or contact your bank for details.',
        metadata: { payment_id: id },
      },
    })
  })

  it('an error card fails with its documented description', async () => {
    const { r } = await cardPayment(10000, '4100280000060003')
    const done = await otp(r.body.payment_id, '1234')
    expect(done.body.error).toMatchObject({ reason: 'card_declined', source: 'issuer_bank' })
  })

  it('refuses bad input the way the API does', async () => {
    const order = await newOrder(m, 10000)
    const bad = await pay({ order_id: order.id, amount: 10000, method: 'card', card: card('4111111111111112') })
    expect([bad.status, bad.body.error.description, bad.body.error.field]).toEqual([400, 'The card number is invalid.', 'card[number]'])
    const extra = await pay({ order_id: order.id, amount: 10000, method: 'card', card: card(), token: 'x' })
    expect(extra.body.error.description).toBe('token is/are not required and should not be sent')
    const wrongKey = await json(`/v1/checkout/payments`, { key_id: 'rzp_test_nope', order_id: order.id, amount: 10000, currency: 'INR', ...customer, method: 'upi', vpa: 'success@razorpay' })
    expect(wrongKey.status).toBe(401)
  })

  it('a page without order_id gets an order made for it (manual capture)', async () => {
    const r = await pay({ amount: 12300, method: 'upi', vpa: 'success@razorpay' })
    expect(r.body.status).toBe('authorized')
    const order = await m.rzp.orders.fetch(r.body.order_id)
    expect(order).toMatchObject({ amount: 12300, status: 'attempted' })
  })

  it('another merchant’s key cannot see or act on a payment', async () => {
    const { r } = await cardPayment()
    const other = await s.newMerchant()
    const seen = await s.raw('GET', `/v1/checkout/payments/${r.body.payment_id}?key_id=${other.keyId}`)
    expect([seen.status, seen.body.error.description]).toEqual([400, 'The id provided does not exist'])
    expect((await otp(r.body.payment_id, '1234', other.keyId)).status).toBe(400)
  })
})

describe('UPI, netbanking and wallets through the checkout', () => {
  it('UPI collect: failure@razorpay fails, success@razorpay authorizes at once', async () => {
    const order = await newOrder(m, 10000)
    const failed = await pay({ order_id: order.id, amount: 10000, method: 'upi', vpa: 'failure@razorpay' })
    expect(failed.body).toMatchObject({ status: 'failed', error: { reason: 'payment_failed', source: 'gateway' } })
    const ok = await pay({ order_id: order.id, amount: 10000, method: 'upi', vpa: 'success@razorpay' })
    expect(ok.body.status).toBe('authorized')
    expect(ok.body.response.razorpay_order_id).toBe(order.id)
    const invalid = await pay({ order_id: order.id, amount: 10000, method: 'upi', vpa: 'nope' })
    expect([invalid.status, invalid.body.error.field]).toEqual([400, 'vpa'])
  })

  it('netbanking: the bank page sends the customer back to the checkout, which reads the outcome from the server', async () => {
    const order = await newOrder(m, 10000)
    const r = await pay({ order_id: order.id, amount: 10000, method: 'netbanking', bank: 'HDFC' })
    const id = r.body.payment_id
    expect(r.body.next).toEqual({ action: 'redirect', url: `${s.url}/v1/payments/${id}/authenticate` })
    const page = await bankAction(s, id, 'success')
    expect(formTarget(page.text)).toEqual({ method: 'post', action: `${s.url}/checkout/bank-return` })
    const fields = hiddenFields(page.text)
    const back = await s.raw('POST', '/checkout/bank-return', {
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(back.text).toContain(`{"payment_id":"${id}"}`)
    const status = await s.raw('GET', `/v1/checkout/payments/${id}?key_id=${m.keyId}`)
    expect(status.body).toMatchObject({ status: 'authorized', response: { razorpay_payment_id: id, razorpay_order_id: order.id } })
    expect(status.body.response.razorpay_signature).toBe(fields.razorpay_signature)
  })

  it('a wallet Failure comes back with the payment id from error[metadata]; forged posts carry nothing', async () => {
    const order = await newOrder(m, 10000)
    const r = await pay({ order_id: order.id, amount: 10000, method: 'wallet', wallet: 'phonepe' })
    const page = await bankAction(s, r.body.payment_id, 'failure')
    const back = await s.raw('POST', '/checkout/bank-return', {
      body: new URLSearchParams(hiddenFields(page.text)).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(back.text).toContain(`{"payment_id":"${r.body.payment_id}"}`)
    const status = await s.raw('GET', `/v1/checkout/payments/${r.body.payment_id}?key_id=${m.keyId}`)
    expect(status.body).toMatchObject({ status: 'failed', error: { description: 'Payment failed', source: 'issuer' } })
    const forged = await s.raw('POST', '/checkout/bank-return', {
      body: 'razorpay_payment_id=<script>&razorpay_signature=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(forged.text).toContain('{"payment_id":""}')
  })

  it('draws the UPI intent QR for the key', async () => {
    const r = await s.raw('GET', `/v1/checkout/upi-qr.svg?key_id=${m.keyId}&amount=50000&currency=INR&name=Acme`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('image/svg+xml')
    expect(r.text).toMatch(/^<svg /)
    expect((await s.raw('GET', '/v1/checkout/upi-qr.svg?key_id=rzp_test_nope')).status).toBe(401)
  })
})
