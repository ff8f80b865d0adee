/**
 * A registration link paid the way a customer pays it, without a browser: the short_url answers
 * the page that posts to the hosted checkout (POST /v1/checkout/embedded), whose JSON endpoints
 * (preferences, payments, OTP, payment status) the page's script calls; the bank page is a form
 * POST. Paying the link makes the token and marks the invoice paid (invoice.paid); an Aadhaar
 * e-mandate is confirmed at the next 09:00 IST cut-off (T+1); an unpaid link expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'
import { advance, clockNow, HOUR } from '../support/ist-clock.js'
import { bankAction, eventsOf, formTarget, hiddenFields } from '../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

/** 2020-01-15 00:00 UTC = 05:30 IST, a Wednesday. */
const START = 1579046400

let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => START })
  m = s.merchant
})
afterAll(() => s.close())

const json = (method: string, path: string, body?: unknown) =>
  s.raw(method, path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })

/** Follows the short URL to the hosted page and reads back the options it boots with. */
async function openLink(shortUrl: string): Promise<Record<string, any>> {
  const page = await s.raw('GET', new URL(shortUrl).pathname)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-security-policy')).toContain("script-src 'sha256-")
  expect(formTarget(page.text)).toEqual({ method: 'post', action: '/v1/checkout/embedded' })
  const fields = hiddenFields(page.text)
  const hosted = await s.raw('POST', '/v1/checkout/embedded', {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  expect(hosted.status).toBe(200)
  const boot = JSON.parse(/<script type="application\/json" id="tijori-boot">(.*?)<\/script>/.exec(hosted.text)![1])
  expect(boot.mode).toBe('hosted')
  return boot.options
}

function preferences(o: Record<string, any>) {
  const q = new URLSearchParams({ key_id: o.key, order_id: o.order_id, invoice_id: o.invoice_id, recurring: 'true' })
  return s.raw('GET', `/v1/checkout/preferences?${q}`)
}

const customer = { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', contact: '9123456780' }

describe('registration link → hosted checkout (JSON endpoints, no browser)', () => {
  it('card: the link opens the hosted page, the customer pays with OTP, the token is confirmed and the invoice paid', async () => {
    const link: any = await m.rzp.subscriptions.createRegistrationLink({
      customer,
      type: 'link',
      amount: 100,
      currency: 'INR',
      description: 'Monthly plan',
      subscription_registration: { method: 'card', max_amount: 50000, frequency: 'monthly' },
      receipt: 'rl-card-1',
    } as any)
    const o = await openLink(link.short_url)
    expect(o).toMatchObject({ key: m.keyId, order_id: link.order_id, invoice_id: link.id, customer_id: link.customer_id, recurring: true, amount: 100 })
    expect(o.prefill).toEqual({ name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', contact: '9123456780' })

    const prefs = await preferences(o)
    expect(prefs.status, prefs.text).toBe(200)
    expect(prefs.body).toMatchObject({
      order: { id: link.order_id, amount: 100, amount_due: 100, status: 'created' },
      invoice: { id: link.id, status: 'issued', description: 'Monthly plan' },
      recurring: { method: 'card', max_amount: 50000, frequency: 'monthly', expire_at: null, customer: { id: link.customer_id, ...customer } },
    })

    const started = await json('POST', '/v1/checkout/payments', {
      key_id: o.key,
      order_id: o.order_id,
      amount: 100,
      currency: 'INR',
      email: customer.email,
      contact: customer.contact,
      method: 'card',
      card: { number: '4111111111111111', expiry_month: '12', expiry_year: '30', cvv: '123', name: 'Gaurav Kumar' },
      recurring: '1',
      customer_id: o.customer_id,
    })
    expect(started.status, started.text).toBe(200)
    expect(started.body).toMatchObject({ status: 'created', next: { action: 'otp' } })
    const done = await json('POST', `/v1/checkout/payments/${started.body.payment_id}/otp`, { key_id: o.key, otp: '1234' })
    expect(done.body).toMatchObject({ status: 'captured', response: { razorpay_payment_id: started.body.payment_id, razorpay_order_id: link.order_id } })

    const inv: any = await m.rzp.invoices.fetch(link.id)
    expect(inv).toMatchObject({ status: 'paid', payment_id: started.body.payment_id, amount_paid: 100, amount_due: 0, paid_at: START })
    const p: any = await m.rzp.payments.fetch(started.body.payment_id)
    expect(p).toMatchObject({ invoice_id: link.id, customer_id: link.customer_id, description: `Invoice #${link.id}`, token_id: expect.stringMatching(/^token_/) })
    const tokens: any = await m.rzp.customers.fetchTokens(link.customer_id)
    expect(tokens.items.find((t: any) => t.id === p.token_id)).toMatchObject({ method: 'card', recurring_details: { status: 'confirmed' }, max_amount: 50000 })
    const paid = (await eventsOf(s, m.id, link.id)).find((e) => e.event === 'invoice.paid')
    expect(paid?.contains).toEqual(['payment', 'order', 'invoice'])
    expect(paid?.payload.invoice.entity).toMatchObject({ status: 'paid', payment_id: p.id })
    expect(paid?.payload.order.entity).toMatchObject({ status: 'paid', method: 'card', token: { max_amount: 50000 } })

    const after = await s.raw('GET', `/i/${link.id}`)
    expect(after.text).toContain('This link has been paid.')
    const again = await preferences(o)
    expect([again.status, again.body.error.description]).toEqual([400, 'Operation not allowed for Invoice in paid status.'])
  })

  it('e-mandate by Aadhaar: the bank page, then the token waits for the T+1 cut-off (09:00 IST)', async () => {
    const link: any = await m.rzp.subscriptions.createRegistrationLink({
      customer: { ...customer, email: 'gaurav.k@example.com' },
      type: 'link',
      amount: 0,
      currency: 'INR',
      description: 'Meals',
      subscription_registration: {
        method: 'emandate',
        auth_type: 'aadhaar',
        max_amount: 500000,
        bank_account: { beneficiary_name: 'Gaurav Kumar', account_number: '11214311215411', account_type: 'savings', ifsc_code: 'ICIC0001207' },
      },
    } as any)
    const o = await openLink(link.short_url)
    const prefs = await preferences(o)
    expect(prefs.body.recurring).toMatchObject({
      method: 'emandate',
      auth_type: 'aadhaar',
      bank_account: { bank: 'ICIC', bank_name: 'ICICI Bank', name: 'Gaurav Kumar', account_number: 'XXXXXXXXXX5411', account_type: 'savings' },
    })
    const base = { key_id: o.key, order_id: o.order_id, amount: 0, currency: 'INR', email: 'gaurav.k@example.com', contact: customer.contact, method: 'emandate', recurring: '1', customer_id: o.customer_id }
    const wrongBank = await json('POST', '/v1/checkout/payments', { ...base, bank: 'HDFC', auth_type: 'aadhaar' })
    expect([wrongBank.status, wrongBank.body.error.field]).toEqual([400, 'bank'])
    const started = await json('POST', '/v1/checkout/payments', { ...base, bank: 'ICIC', auth_type: 'aadhaar' })
    expect(started.body).toMatchObject({ status: 'created', next: { action: 'redirect', url: `${s.url}/v1/payments/${started.body.payment_id}/authenticate` } })
    expect((await bankAction(s, started.body.payment_id, 'success')).status).toBe(200)
    const status = await s.raw('GET', `/v1/checkout/payments/${started.body.payment_id}?key_id=${o.key}`)
    expect(status.body).toMatchObject({ status: 'captured', response: { razorpay_order_id: link.order_id } })
    expect(((await m.rzp.invoices.fetch(link.id)) as any).status).toBe('paid')

    const tokenId = ((await m.rzp.payments.fetch(started.body.payment_id)) as any).token_id
    const token = () => m.rzp.customers.fetchToken(link.customer_id, tokenId) as Promise<any>
    expect((await token()).recurring_details.status).toBe('initiated')
    const now = await clockNow(m) // Wednesday 05:30 IST: before the cut-off, so confirmed today at 09:00
    await advance(m, 3 * HOUR)
    expect((await token()).recurring_details.status).toBe('initiated')
    await advance(m, HOUR)
    expect(await token()).toMatchObject({ recurring_details: { status: 'confirmed', failure_reason: null }, auth_type: 'aadhaar', bank: 'ICIC' })
    const confirmed = (await eventsOf(s, m.id, tokenId)).find((e) => e.event === 'token.confirmed')
    expect(confirmed?.created_at).toBe(now + 3.5 * HOUR)
  })

  it('an unpaid link expires at expire_by (invoice.expired) and can no longer be opened for payment', async () => {
    const link: any = await m.rzp.subscriptions.createRegistrationLink({
      customer: { name: 'Gaurav Kumar', email: 'expiring@example.com', contact: '9123456780' },
      type: 'link',
      amount: 100,
      currency: 'INR',
      description: 'Expiring',
      subscription_registration: { method: 'card', max_amount: 1000 },
      expire_by: (await clockNow(m)) + 20 * 60,
    } as any)
    await advance(m, 21 * 60)
    const inv: any = await m.rzp.invoices.fetch(link.id)
    expect(inv).toMatchObject({ status: 'expired', expired_at: link.expire_by, sms_status: 'sent', email_status: 'sent' })
    expect((await eventsOf(s, m.id, link.id)).map((e) => e.event)).toEqual(['invoice.expired'])
    expect((await s.raw('GET', `/i/${link.id}`)).text).toContain('This link has expired.')
  })
})
