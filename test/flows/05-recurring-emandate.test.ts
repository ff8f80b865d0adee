/**
 * Seed 004 (the Node SDK's documents/emandate.md) replayed in order: create the customer, the
 * e-mandate authorisation order (amount 0, token with bank_account), the authorisation payment
 * (S2S create/json, then the bank page), a registration link, notify and cancel it, fetch the token
 * through the payment and the customer's tokens, delete the token, then charge: a new order and
 * createRecurringPayment — refused on the deleted token, accepted on a confirmed one, and settled
 * by the bank on its own time (18:00 IST of the processing day) on the merchant's clock.
 * The clock starts on 2020-01-15 so the seed's timestamps (expire_at 1580480689) are in the future.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'
import { advance, clockNow, HOUR } from '../support/ist-clock.js'
import { bankAction, eventsOf } from '../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */
const { validatePaymentVerification } = razorpayUtils as any

/** 2020-01-15 00:00 UTC = 05:30 IST, a Wednesday. */
const START = 1579046400

let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => START })
  m = s.merchant
})
afterAll(() => s.close())

const bankAccount = { beneficiary_name: 'Gaurav Kumar', account_number: 1121431121541121, account_type: 'savings', ifsc_code: 'HDFC0000001' }

async function authorise(customerId: string, authType = 'netbanking'): Promise<{ orderId: string; paymentId: string }> {
  const order: any = await m.rzp.orders.create({
    amount: 0,
    currency: 'INR',
    method: 'emandate',
    customer_id: customerId,
    receipt: 'Receipt No. 1',
    token: { auth_type: authType, max_amount: 9999900, expire_at: 4102444799, bank_account: bankAccount },
  } as any)
  const created: any = await m.rzp.payments.createPaymentJson({
    amount: 0,
    currency: 'INR',
    contact: 9876543210,
    email: 'gaurav.kumar@example.com',
    order_id: order.id,
    customer_id: customerId,
    recurring: true,
    method: 'emandate',
    bank: 'HDFC',
    auth_type: authType,
    bank_account: { name: 'Gaurav Kumar', account_number: '1121431121541121', account_type: 'savings', ifsc: 'HDFC0000001' },
  } as any)
  expect(created.next).toEqual([{ action: 'redirect', url: `${s.url}/v1/payments/${created.razorpay_payment_id}/authenticate` }])
  expect((await bankAction(s, created.razorpay_payment_id, 'success')).status).toBe(200)
  return { orderId: order.id, paymentId: created.razorpay_payment_id }
}

describe('seed 004: e-mandate recurring payments', () => {
  const ctx: Record<string, any> = {}

  it('creates the customer (contact sent as a number, gstin)', async () => {
    const c: any = await m.rzp.customers.create({
      name: 'Gaurav Kumar',
      contact: 9123456780,
      email: 'gaurav.kumar@example.com',
      fail_existing: 0,
      gstin: '29XAbbA4369J1PA',
      notes: { notes_key_1: 'Tea, Earl Grey, Hot', notes_key_2: 'Tea, Earl Grey… decaf.' },
    } as any)
    expect(c).toEqual({
      id: expect.stringMatching(/^cust_/),
      entity: 'customer',
      name: 'Gaurav Kumar',
      email: 'gaurav.kumar@example.com',
      contact: '9123456780',
      gstin: '29XAbbA4369J1PA',
      notes: { notes_key_1: 'Tea, Earl Grey, Hot', notes_key_2: 'Tea, Earl Grey… decaf.' },
      created_at: START,
    })
    ctx.customer = c
  })

  it('creates the e-mandate authorisation order (amount 0, token with bank_account)', async () => {
    const o: any = await m.rzp.orders.create({
      amount: 0,
      currency: 'INR',
      method: 'emandate',
      customer_id: ctx.customer.id,
      receipt: 'Receipt No. 1',
      notes: { notes_key_1: 'Beam me up Scotty', notes_key_2: 'Engage' },
      token: {
        auth_type: 'netbanking',
        max_amount: 9999900,
        expire_at: 4102444799,
        notes: { notes_key_1: 'Tea, Earl Grey, Hot', notes_key_2: 'Tea, Earl Grey… decaf.' },
        bank_account: bankAccount,
      },
    } as any)
    // The documented response (RT:…/emandate/create-authorization-transaction.md).
    expect(o).toMatchObject({
      entity: 'order',
      amount: 0,
      amount_paid: 0,
      amount_due: 0,
      currency: 'INR',
      receipt: 'Receipt No. 1',
      offer_id: null,
      status: 'created',
      attempts: 0,
      notes: { notes_key_1: 'Beam me up Scotty', notes_key_2: 'Engage' },
      created_at: START,
      method: 'emandate',
      customer_id: ctx.customer.id,
      token: {
        method: 'emandate',
        notes: { notes_key_1: 'Tea, Earl Grey, Hot', notes_key_2: 'Tea, Earl Grey… decaf.' },
        recurring_status: null,
        failure_reason: null,
        currency: 'INR',
        max_amount: 9999900,
        auth_type: 'netbanking',
        expire_at: 4102444799,
        bank_account: {
          ifsc: 'HDFC0000001',
          bank_name: 'HDFC Bank',
          name: 'Gaurav Kumar',
          account_number: '1121431121541121',
          account_type: 'savings',
          beneficiary_email: 'gaurav.kumar@example.com',
          beneficiary_mobile: '9123456780',
        },
        first_payment_amount: 0,
      },
    })
  })

  it('takes the authorisation payment: create/json (emandate, recurring), then the bank page', async () => {
    const { orderId, paymentId } = await authorise(ctx.customer.id)
    ctx.authPayment = paymentId
    ctx.authOrder = orderId
    const order: any = await m.rzp.orders.fetch(orderId)
    expect(order).toMatchObject({ status: 'paid', amount_paid: 0, attempts: 1 })
  })

  it('creates a registration link (subscriptions.createRegistrationLink), notifies and cancels it', async () => {
    const inv: any = await m.rzp.subscriptions.createRegistrationLink({
      customer: { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', contact: 9123456780 },
      type: 'link',
      amount: 0,
      currency: 'INR',
      description: '12 p.m. Meals',
      subscription_registration: {
        method: 'emandate',
        auth_type: 'netbanking',
        expire_at: 1580480689,
        max_amount: 50000,
        bank_account: { beneficiary_name: 'Gaurav Kumar', account_number: 11214311215411, account_type: 'savings', ifsc_code: 'HDFC0001233' },
      },
      receipt: 'Receipt no. 1',
      expire_by: 1880480689,
      sms_notify: 1,
      email_notify: 1,
      notes: { 'note_key 1': 'Beam me up Scotty', 'note_key 2': 'Tea. Earl Gray. Hot.' },
    } as any)
    expect(inv).toMatchObject({
      entity: 'invoice',
      type: 'link',
      status: 'issued',
      amount: 0,
      customer_id: ctx.customer.id,
      expire_by: 1880480689,
      description: '12 p.m. Meals',
      short_url: `${s.url}/i/${inv.id}`,
    })
    const order: any = await m.rzp.orders.fetch(inv.order_id)
    expect(order.token).toMatchObject({ method: 'emandate', auth_type: 'netbanking', max_amount: 50000, expire_at: 1580480689, bank_account: { ifsc: 'HDFC0001233' } })
    expect(await m.rzp.invoices.notifyBy(inv.id, 'email')).toEqual({ success: true })
    const cancelled: any = await m.rzp.invoices.cancel(inv.id)
    expect(cancelled).toMatchObject({ id: inv.id, status: 'cancelled', cancelled_at: START, email_status: 'sent', amount_due: 0, currency: 'INR' })
    // A cancelled link takes no payment.
    const e = await sdkError(
      m.rzp.payments.createPaymentJson({ amount: 0, currency: 'INR', contact: '9876543210', email: 'a@b.co', order_id: inv.order_id, recurring: 1, method: 'emandate', bank: 'HDFC' } as any),
    )
    expect(e.error.description).toBe('Operation not allowed for Invoice in cancelled status.')
  })

  it('fetches the token by payment id (payments.fetch)', async () => {
    const p: any = await m.rzp.payments.fetch(ctx.authPayment)
    expect(p).toMatchObject({
      id: ctx.authPayment,
      entity: 'payment',
      amount: 0,
      currency: 'INR',
      status: 'captured',
      order_id: ctx.authOrder,
      invoice_id: null,
      international: false,
      method: 'emandate',
      amount_refunded: 0,
      refund_status: null,
      captured: true,
      card_id: null,
      bank: 'HDFC',
      wallet: null,
      vpa: null,
      email: 'gaurav.kumar@example.com',
      contact: '9876543210',
      customer_id: ctx.customer.id,
      token_id: expect.stringMatching(/^token_/),
      fee: 0,
      tax: 0,
      error_code: null,
      acquirer_data: {},
      created_at: START,
    })
    ctx.token = p.token_id
  })

  it("fetches the customer's tokens (customers.fetchTokens)", async () => {
    const list: any = await m.rzp.customers.fetchTokens(ctx.customer.id)
    expect(list).toEqual({
      entity: 'collection',
      count: 1,
      items: [
        {
          id: ctx.token,
          entity: 'token',
          token: expect.stringMatching(/^[0-9A-Za-z]{14}$/),
          bank: 'HDFC',
          wallet: null,
          method: 'emandate',
          vpa: null,
          recurring: true,
          recurring_details: { status: 'confirmed', failure_reason: null },
          auth_type: 'netbanking',
          mrn: null,
          used_at: START,
          created_at: START,
          bank_details: { beneficiary_name: 'Gaurav Kumar', account_number: '1121431121541121', ifsc: 'HDFC0000001', account_type: 'savings' },
          max_amount: 9999900,
          expired_at: 4102444799,
          dcc_enabled: false,
        },
      ],
    })
  })

  it('deletes the token: {"deleted": true}; NPCI cancellation the next working day (token.cancelled)', async () => {
    expect(await m.rzp.customers.deleteToken(ctx.customer.id, ctx.token)).toEqual({ deleted: true })
    let t: any = await m.rzp.customers.fetchToken(ctx.customer.id, ctx.token)
    expect(t.recurring_details.status).toBe('confirmed')
    await advance(m, 4 * HOUR) // past 09:00 IST on Wednesday
    t = await m.rzp.customers.fetchToken(ctx.customer.id, ctx.token)
    expect(t.recurring_details).toEqual({ status: 'cancelled', failure_reason: null })
    const cancelled = (await eventsOf(s, m.id, ctx.token)).filter((e) => e.event === 'token.cancelled')
    expect(cancelled).toHaveLength(1)
    expect(cancelled[0].payload.token.entity.recurring_details.status).toBe('cancelled')
  })

  it('charges: a new order and createRecurringPayment — refused on the deleted token, settled by the bank on a confirmed one', async () => {
    const order: any = await m.rzp.orders.create({ amount: 1000, currency: 'INR', receipt: 'Receipt No. 1', notes: { notes_key_1: 'Tea, Earl Grey, Hot' } })
    expect(order).toMatchObject({ amount: 1000, amount_paid: 0, amount_due: 1000, status: 'created', attempts: 0 })
    const charge = (token: string) =>
      m.rzp.payments.createRecurringPayment({
        email: 'gaurav.kumar@example.com',
        contact: '9123456789',
        amount: 1000,
        currency: 'INR',
        order_id: order.id,
        customer_id: ctx.customer.id,
        token,
        recurring: '1',
        description: 'Creating recurring payment for Gaurav Kumar',
        notes: { 'note_key 1': 'Beam me up Scotty', 'note_key 2': 'Tea. Earl Gray. Hot.' },
      } as any)
    const refused = await sdkError(charge(ctx.token))
    expect(refused.error).toMatchObject({ reason: 'mandate_cancelled', field: 'token' })

    const second = await authorise(ctx.customer.id, 'debitcard')
    const token = ((await m.rzp.payments.fetch(second.paymentId)) as any).token_id
    const r: any = await charge(token)
    expect(r).toEqual({ razorpay_payment_id: expect.stringMatching(/^pay_/), razorpay_order_id: order.id, razorpay_signature: expect.any(String) })
    expect(validatePaymentVerification({ order_id: order.id, payment_id: r.razorpay_payment_id }, r.razorpay_signature, m.keySecret)).toBe(true)
    // File-based banks answer later: the payment waits in `created`.
    expect(((await m.rzp.payments.fetch(r.razorpay_payment_id)) as any).status).toBe('created')
    const now = await clockNow(m)
    await advance(m, 36 * HOUR)
    const p: any = await m.rzp.payments.fetch(r.razorpay_payment_id)
    expect(p).toMatchObject({ status: 'authorized', method: 'emandate', token_id: token, bank: 'HDFC', amount: 1000 })
    // Created on Wednesday after 09:00 IST: processed Thursday, answered at 18:00 IST.
    const authorized = (await eventsOf(s, m.id, r.razorpay_payment_id)).find((e) => e.event === 'payment.authorized')
    expect(authorized?.created_at).toBe(START - 5.5 * HOUR + 86400 + 18 * HOUR)
    expect(authorized!.created_at).toBeGreaterThan(now)
  })
})
