/**
 * Seed 002 (card recurring payments, Python SDK document) replayed in order through the official
 * Node SDK: customer → authorisation order with a token block → registration link → second
 * authorisation order → the authorisation payment (S2S create/json with recurring: 1, then the
 * OTP) → a recurring charge → notify/cancel the link → the token via the payment, the customer's
 * tokens, the card → delete the token → card references. Each documented response field is
 * asserted. The merchant's clock starts on 2020-01-15 so the seed's own timestamps (expire_by
 * 1644737663, …) are in the future, as they were when the document was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'
import { eventsOf } from '../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */
const { validatePaymentVerification } = razorpayUtils as any

/** 2020-01-15 00:00 UTC (a Wednesday). */
const START = 1579046400

let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => START })
  m = s.merchant
})
afterAll(() => s.close())

const notes = { notes_key_1: 'Tea, Earl Grey, Hot', notes_key_2: 'Tea, Earl Grey... decaf.' }
const card = { number: '4111111111111111', name: 'Gaurav Kumar', expiry_month: '12', expiry_year: '30', cvv: '123' }

describe('seed 002: card recurring payments', () => {
  const ctx: Record<string, any> = {}

  it('creates the customer (fail_existing "0" returns the same customer again)', async () => {
    const params = { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', contact: '9123456780', fail_existing: '0', notes: { note_key_1: 'September', note_key_2: 'Make it so.' } }
    const c: any = await m.rzp.customers.create(params as any)
    expect(c).toEqual({
      id: expect.stringMatching(/^cust_[0-9A-Za-z]{14}$/),
      entity: 'customer',
      name: 'Gaurav Kumar',
      email: 'gaurav.kumar@example.com',
      contact: '9123456780',
      gstin: null,
      notes: { note_key_1: 'September', note_key_2: 'Make it so.' },
      created_at: START,
    })
    expect(((await m.rzp.customers.create(params as any)) as any).id).toBe(c.id)
    ctx.customer = c
  })

  it('creates an authorisation order with method card and a token block', async () => {
    const o: any = await m.rzp.orders.create({
      amount: 100,
      currency: 'INR',
      customer_id: ctx.customer.id,
      method: 'card',
      token: { max_amount: 5000, expire_at: 2709971120, frequency: 'monthly' },
      receipt: 'Receipt No. 1',
      notes,
    } as any)
    expect(o).toMatchObject({
      id: expect.stringMatching(/^order_/),
      entity: 'order',
      amount: 100,
      amount_paid: 0,
      amount_due: 100,
      currency: 'INR',
      receipt: 'Receipt No. 1',
      offer_id: null,
      status: 'created',
      attempts: 0,
      notes,
      created_at: START,
      token: { max_amount: 5000, expire_at: 2709971120, frequency: 'monthly' },
      method: 'card',
      customer_id: ctx.customer.id,
    })
  })

  it('creates a registration link: the invoice entity, with a short_url served by Tijori', async () => {
    const inv: any = await m.rzp.subscriptions.createRegistrationLink({
      customer: { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', contact: '9123456780' },
      type: 'link',
      amount: '100',
      currency: 'INR',
      description: 'Registration Link for Gaurav',
      subscription_registration: { method: 'card', max_amount: '500', expire_at: 1644737663 },
      receipt: 'Receipt No. #11',
      email_notify: 1,
      sms_notify: 1,
      expire_by: 1644737663,
      notes: { 'note_key 1': 'Beam me up Scotty', 'note_key 2': 'Tea. Earl Gray. Hot.' },
    } as any)
    expect(inv).toMatchObject({
      id: expect.stringMatching(/^inv_[0-9A-Za-z]{14}$/),
      entity: 'invoice',
      receipt: 'Receipt No. #11',
      invoice_number: 'Receipt No. #11',
      customer_id: ctx.customer.id, // the same details: the same customer
      customer_details: {
        id: ctx.customer.id,
        name: 'Gaurav Kumar',
        email: 'gaurav.kumar@example.com',
        contact: '9123456780',
        gstin: null,
        billing_address: null,
        shipping_address: null,
        customer_name: 'Gaurav Kumar',
        customer_email: 'gaurav.kumar@example.com',
        customer_contact: '9123456780',
      },
      order_id: expect.stringMatching(/^order_/),
      line_items: [],
      payment_id: null,
      status: 'issued',
      expire_by: 1644737663,
      issued_at: START,
      paid_at: null,
      cancelled_at: null,
      expired_at: null,
      sms_status: 'pending',
      email_status: 'pending',
      date: START,
      terms: null,
      partial_payment: false,
      gross_amount: 100,
      tax_amount: 0,
      taxable_amount: 0,
      amount: 100,
      amount_paid: 0,
      amount_due: 100,
      currency: 'INR',
      currency_symbol: '₹',
      description: 'Registration Link for Gaurav',
      notes: { 'note_key 1': 'Beam me up Scotty', 'note_key 2': 'Tea. Earl Gray. Hot.' },
      comment: null,
      view_less: true,
      billing_start: null,
      billing_end: null,
      type: 'link',
      group_taxes_discounts: false,
      created_at: START,
      idempotency_key: null,
    })
    expect(inv.short_url).toBe(`${s.url}/i/${inv.id}`)
    const page = await s.raw('GET', new URL(inv.short_url).pathname)
    expect(page.status).toBe(200)
    expect(page.text).toContain('action="/v1/checkout/embedded"')
    const order: any = await m.rzp.orders.fetch(inv.order_id)
    expect(order).toMatchObject({ amount: 100, method: 'card', customer_id: ctx.customer.id, token: { max_amount: 500, expire_at: 1644737663 } })
    ctx.link = inv
  })

  it('creates the second authorisation order and pays it: create/json with recurring 1, then the OTP', async () => {
    const o: any = await m.rzp.orders.create({
      amount: 100,
      currency: 'INR',
      customer_id: ctx.customer.id,
      method: 'card',
      token: { max_amount: 5000, expire_at: 2709971120, frequency: 'monthly' },
      receipt: 'Receipt No. 1',
      notes,
    } as any)
    expect(o).toMatchObject({ amount: 100, method: 'card', customer_id: ctx.customer.id, token: { max_amount: 5000, expire_at: 2709971120, frequency: 'monthly' } })
    const created: any = await m.rzp.payments.createPaymentJson({
      amount: 100,
      currency: 'INR',
      order_id: o.id,
      customer_id: ctx.customer.id,
      recurring: 1,
      email: 'gaurav.kumar@example.com',
      contact: '9123456780',
      method: 'card',
      card,
    } as any)
    expect(created.next.map((n: any) => n.action)).toContain('otp_submit')
    const auth: any = await m.rzp.payments.otpSubmit(created.razorpay_payment_id, { otp: '1234' })
    expect(validatePaymentVerification({ order_id: o.id, payment_id: auth.razorpay_payment_id }, auth.razorpay_signature, m.keySecret)).toBe(true)
    ctx.authPayment = auth.razorpay_payment_id
    ctx.authOrder = o.id
  })

  it('fetches the token through the authorisation payment (token.fetch(paymentId) → GET /payments/:id)', async () => {
    const p: any = await m.rzp.payments.fetch(ctx.authPayment)
    expect(p).toMatchObject({
      id: ctx.authPayment,
      entity: 'payment',
      amount: 100,
      currency: 'INR',
      status: 'captured',
      order_id: ctx.authOrder,
      invoice_id: null,
      international: false,
      method: 'card',
      amount_refunded: 0,
      refund_status: null,
      captured: true,
      card_id: expect.stringMatching(/^card_/),
      bank: null,
      wallet: null,
      vpa: null,
      email: 'gaurav.kumar@example.com',
      customer_id: ctx.customer.id,
      token_id: expect.stringMatching(/^token_[0-9A-Za-z]{14}$/),
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: { auth_code: expect.stringMatching(/^\d{6}$/) },
      created_at: START,
    })
    ctx.token = p.token_id
    ctx.cardId = p.card_id
  })

  it('charges the confirmed token: create/recurring answers the trio', async () => {
    const order: any = await m.rzp.orders.create({ amount: 1000, currency: 'INR', receipt: 'Receipt No. 1', notes, payment_capture: 1 } as any)
    const r: any = await m.rzp.payments.createRecurringPayment({
      email: 'gaurav.kumar@example.com',
      contact: 9123456789,
      amount: 1000,
      currency: 'INR',
      order_id: order.id,
      customer_id: ctx.customer.id,
      token: ctx.token,
      recurring: 1,
      description: 'Creating recurring payment for Gaurav Kumar',
      notes: { 'note_key 1': 'Beam me up Scotty', 'note_key 2': 'Tea. Earl Gray. Hot.' },
    } as any)
    expect(r).toEqual({ razorpay_payment_id: expect.stringMatching(/^pay_/), razorpay_order_id: order.id, razorpay_signature: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(validatePaymentVerification({ order_id: order.id, payment_id: r.razorpay_payment_id }, r.razorpay_signature, m.keySecret)).toBe(true)
    const p: any = await m.rzp.payments.fetch(r.razorpay_payment_id)
    expect(p).toMatchObject({ status: 'captured', method: 'card', token_id: ctx.token, customer_id: ctx.customer.id, card_id: ctx.cardId, amount: 1000, contact: '9123456789' })
    expect(((await m.rzp.orders.fetch(order.id)) as any).status).toBe('paid')
    const events = (await eventsOf(s, m.id)).map((e: any) => e.event)
    expect(events).toEqual(expect.arrayContaining(['token.confirmed', 'payment.authorized', 'payment.captured', 'order.paid']))
  })

  it('notifies and cancels the registration link', async () => {
    expect(await m.rzp.invoices.notifyBy(ctx.link.id, 'sms')).toEqual({ success: true })
    const inv: any = await m.rzp.invoices.cancel(ctx.link.id)
    expect(inv).toMatchObject({ id: ctx.link.id, entity: 'invoice', status: 'cancelled', cancelled_at: START, sms_status: 'sent', type: 'link' })
    const again = await sdkError(m.rzp.invoices.cancel(ctx.link.id))
    expect(again.error.description).toBe('Operation not allowed for Invoice in cancelled status.')
    const page = await s.raw('GET', `/i/${ctx.link.id}`)
    expect(page.text).toContain('This link has been cancelled.')
  })

  it("lists the customer's tokens (token.all) with the card block", async () => {
    const list: any = await m.rzp.customers.fetchTokens(ctx.customer.id)
    expect(list).toMatchObject({ entity: 'collection', count: 1 })
    expect(list.items[0]).toEqual({
      id: ctx.token,
      entity: 'token',
      token: expect.stringMatching(/^[0-9A-Za-z]{14}$/),
      bank: null,
      wallet: null,
      method: 'card',
      card: {
        entity: 'card',
        name: 'Gaurav Kumar',
        last4: '1111',
        network: 'Visa',
        type: 'credit',
        issuer: null,
        international: false,
        emi: false,
        sub_type: 'consumer',
        token_iin: null,
        expiry_month: 12,
        expiry_year: 2030,
        flows: { otp: true, recurring: true },
      },
      recurring: true,
      recurring_details: { status: 'confirmed', failure_reason: null },
      auth_type: null,
      mrn: null,
      used_at: START,
      created_at: START,
      expired_at: 2709971120,
      max_amount: 5000,
      dcc_enabled: false,
      billing_address: null,
    })
  })

  it('fetches the card (card.fetch)', async () => {
    expect(await m.rzp.cards.fetch(ctx.cardId)).toEqual({
      id: ctx.cardId,
      entity: 'card',
      name: 'Gaurav Kumar',
      last4: '1111',
      network: 'Visa',
      type: 'credit',
      issuer: null,
      international: false,
      emi: false,
      sub_type: 'consumer',
      token_iin: null,
    })
  })

  it('card references: the same PAR for the number and for its token', async () => {
    const byNumber: any = await m.rzp.cards.requestCardReference({ number: '4854980604708430' })
    expect(byNumber).toEqual({ network: 'Visa', payment_account_reference: expect.stringMatching(/^V001\d{25}$/), network_reference_id: null })
    const mine: any = await m.rzp.cards.requestCardReference({ number: card.number })
    const byToken: any = await m.rzp.cards.requestCardReference({ token: ctx.token })
    expect(byToken).toMatchObject({ network: 'Visa', payment_account_reference: mine.payment_account_reference, network_reference_id: null })
  })

  it('deletes the token: {"deleted": true}, cancelled at once, gone from the list, no longer chargeable', async () => {
    expect(await m.rzp.customers.deleteToken(ctx.customer.id, ctx.token)).toEqual({ deleted: true })
    expect(((await m.rzp.customers.fetchTokens(ctx.customer.id)) as any).count).toBe(0)
    const t: any = await m.rzp.customers.fetchToken(ctx.customer.id, ctx.token)
    expect(t.recurring_details).toEqual({ status: 'cancelled', failure_reason: null })
    const order: any = await m.rzp.orders.create({ amount: 1000, currency: 'INR' })
    const e = await sdkError(
      m.rzp.payments.createRecurringPayment({ email: 'a@b.co', contact: '9123456789', amount: 1000, currency: 'INR', order_id: order.id, customer_id: ctx.customer.id, token: ctx.token, recurring: '1' } as any),
    )
    expect(e.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', reason: 'mandate_cancelled', field: 'token' })
    const events = (await eventsOf(s, m.id)).map((x: any) => x.event)
    expect(events).toContain('token.cancelled')
  })
})
