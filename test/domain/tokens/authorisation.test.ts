/**
 * Authorisation orders (method + customer_id + token) and the authorisation payment's rules: the
 * documented limits and defaults per method, and what create/json refuses on such an order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

/** 2020-01-15 00:00 UTC. */
const START = 1579046400

let s: TestServer
let m: TestMerchant
let customerId: string
beforeAll(async () => {
  s = await startTestServer({ realNow: () => START })
  m = s.merchant
  customerId = ((await m.rzp.customers.create({ name: 'Gaurav Kumar', email: 'g@example.com', contact: '9000090000' })) as any).id
})
afterAll(() => s.close())

const order = (body: Record<string, unknown>) => m.http('POST', '/v1/orders', { currency: 'INR', customer_id: customerId, ...body })
const account = { beneficiary_name: 'Gaurav Kumar', account_number: '1121431121541121', account_type: 'savings', ifsc_code: 'HDFC0000001' }
const card = { number: '4111111111111111', name: 'Gaurav Kumar', expiry_month: '12', expiry_year: '30', cvv: '123' }

describe('POST /v1/orders with a token block', () => {
  it.each([
    [{ amount: 100, method: 'card', token: { max_amount: 5000 }, customer_id: undefined }, 'The customer_id field is required.', 'customer_id'],
    [{ amount: 100, token: { max_amount: 5000 } }, 'The method field is required.', 'method'],
    [{ amount: 100, method: 'netbanking', token: {} }, 'The selected method is invalid.', 'method'],
    [{ amount: 100, method: 'card', currency: 'USD', token: { max_amount: 5000 } }, 'The currency should be INR when method is card', 'currency'],
    [{ amount: 100, method: 'card' }, 'The token field is required.', 'token'],
    [{ amount: 100, method: 'card', token: { expire_at: 2709971120 } }, 'The token[max_amount] field is required.', 'token[max_amount]'],
    [{ amount: 100, method: 'card', token: { max_amount: 99 } }, 'The minimum transaction amount allowed is Re. 1.', 'token[max_amount]'],
    [{ amount: 100, method: 'card', token: { max_amount: 100000001 } }, 'The token[max_amount] may not be greater than 100000000.', 'token[max_amount]'],
    [{ amount: 100, method: 'card', token: { max_amount: 5000, frequency: 'daily' } }, 'The selected token[frequency] is invalid.', 'token[frequency]'],
    [{ amount: 100, method: 'card', token: { max_amount: 5000, expire_at: START - 1 } }, 'The token[expire_at] must be a timestamp in the future.', 'token[expire_at]'],
    [{ amount: 100, method: 'emandate', token: {} }, 'The amount should be 0.', 'amount'],
    [{ amount: 0, method: 'emandate', token: { max_amount: 499 } }, 'The minimum transaction amount allowed is Re. 5.', 'token[max_amount]'],
    [{ amount: 0, method: 'emandate', token: { auth_type: 'upi' } }, 'The selected token[auth_type] is invalid.', 'token[auth_type]'],
    [{ amount: 0, method: 'emandate', token: { bank_account: { ...account, ifsc_code: 'HDFC9999999' } } }, 'Invalid IFSC Code', 'token[bank_account][ifsc_code]'],
    [{ amount: 0, method: 'emandate', token: { bank_account: { ...account, beneficiary_name: 'Gau' } } }, 'The token[bank_account][beneficiary_name] must be between 4 and 120 characters.', 'token[bank_account][beneficiary_name]'],
    [{ amount: 0, method: 'nach', token: { auth_type: 'physical' } }, 'The token[bank_account] field is required.', 'token[bank_account]'],
    [{ amount: 0, method: 'nach', token: { auth_type: 'netbanking', bank_account: account } }, 'The selected token[auth_type] is invalid.', 'token[auth_type]'],
    [{ amount: 100, method: 'upi', token: { max_amount: 20000001, frequency: 'monthly' } }, 'The token[max_amount] may not be greater than 20000000.', 'token[max_amount]'],
    [{ amount: 100, method: 'upi', token: { max_amount: 5000, frequency: 'weekly', recurring_value: 8 } }, 'The token[recurring_value] must be between 1 and 7 for weekly debits.', 'token[recurring_value]'],
    [{ amount: 0, method: 'emandate', customer_id: 'cust_Aa000000000001' }, 'The id provided does not exist', 'customer_id'],
  ])('%j → %s', async (body, description, field) => {
    expectError(await order(body), 400, { description, field, ...(field === 'token[frequency]' ? { reason: 'selected_frequency_invalid' } : {}) })
  })

  it('refuses fields that belong to another method', async () => {
    expectError(await order({ amount: 100, method: 'card', token: { max_amount: 5000, bank_account: account } }), 400, {
      description: 'token[bank_account] is/are not required and should not be sent',
      field: 'token[bank_account]',
      reason: 'extra_field_sent',
    })
  })

  it('applies the documented defaults: e-mandate ₹1 crore for 40 years, UPI 10 years, card as presented', async () => {
    const e = await order({ amount: 0, method: 'emandate', token: {} })
    expect(e.body.token).toMatchObject({ method: 'emandate', max_amount: 1000000000, expire_at: START + 40 * 365 * 86400, auth_type: null, first_payment_amount: 0 })
    const u = await order({ amount: 100, method: 'upi', token: { max_amount: 200000, frequency: 'monthly', recurring_type: 'on', recurring_value: 25 } })
    expect(u.body.token).toMatchObject({ method: 'upi', expire_at: START + 10 * 365 * 86400, frequency: 'monthly', recurring_type: 'on', recurring_value: 25 })
    const c = await order({ amount: 100, method: 'card', token: { max_amount: 5000 } })
    expect(c.body.token).toMatchObject({ method: 'card', expire_at: null, frequency: 'as_presented' })
    // first_payment_amount: the order is for the first charge.
    const f = await order({ amount: 10000, method: 'emandate', token: { first_payment_amount: 10000 } })
    expect(f.body).toMatchObject({ amount: 10000, token: { first_payment_amount: 10000 } })
  })

  it('paper NACH orders hand out the form (pre-filled, and where to upload it)', async () => {
    const r = await order({ amount: 0, method: 'nach', token: { bank_account: account, nach: { form_reference1: 'Recurring Payment', description: 'Paper NACH Gaurav' } } })
    expect(r.body.token).toMatchObject({
      method: 'nach',
      auth_type: 'physical',
      nach: {
        create_form: true,
        form_reference1: 'Recurring Payment',
        form_reference2: null,
        prefilled_form: `${s.url}/v1/nach/${r.body.id}/form`,
        upload_form_url: `${s.url}/v1/nach/${r.body.id}/form`,
        description: 'Paper NACH Gaurav',
      },
    })
    const form = await s.raw('GET', `/v1/nach/${r.body.id}/form`)
    expect(form.status).toBe(200)
    expect(form.text).toContain('1121431121541121')
  })

  it('an order with only customer_id is an ordinary order for that customer', async () => {
    const r = await order({ amount: 5000 })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ customer_id: customerId })
    expect(r.body.token).toBeUndefined()
  })
})

describe('the authorisation payment (create/json)', () => {
  const pay = (body: Record<string, unknown>) =>
    m.http('POST', '/v1/payments/create/json', { currency: 'INR', email: 'g@example.com', contact: '9000090000', ...body })

  it('needs recurring, the order’s method and customer, and for e-mandate the account’s bank', async () => {
    const cardOrder = (await order({ amount: 100, method: 'card', token: { max_amount: 5000 } })).body
    expectError(await pay({ amount: 100, order_id: cardOrder.id, method: 'card', card }), 400, { description: 'The recurring field is required.', field: 'recurring' })
    const upiPay = await pay({ amount: 100, order_id: cardOrder.id, method: 'upi', vpa: 'success@razorpay', recurring: 1 })
    expect([upiPay.status, upiPay.body.error.field]).toEqual([400, 'method'])
    const other = ((await m.rzp.customers.create({ name: 'Someone Else' })) as any).id
    expectError(await pay({ amount: 100, order_id: cardOrder.id, method: 'card', card, recurring: 1, customer_id: other }), 400, {
      description: 'The customer_id must be the customer the authorisation order was created for.',
      field: 'customer_id',
    })
    const emandate = (await order({ amount: 0, method: 'emandate', token: { bank_account: account } })).body
    const wrongBank = await pay({ amount: 0, order_id: emandate.id, method: 'emandate', bank: 'ICIC', recurring: 1 })
    expect([wrongBank.status, wrongBank.body.error.field]).toEqual([400, 'bank'])
    const noAccount = (await order({ amount: 0, method: 'emandate', token: {} })).body
    expectError(await pay({ amount: 0, order_id: noAccount.id, method: 'emandate', bank: 'HDFC', recurring: 1 }), 400, {
      description: 'The bank_account field is required.',
      field: 'bank_account',
    })
    const ok = await pay({ amount: 0, order_id: emandate.id, method: 'emandate', bank: 'HDFC', recurring: 1 })
    expect(ok.body.next[0].action).toBe('redirect')
  })

  it('recurring 1 on an ordinary order is refused, "preferred" makes a one-time payment; e-mandate needs an authorisation order', async () => {
    const plain: any = await m.rzp.orders.create({ amount: 5000, currency: 'INR' })
    const refused = await pay({ amount: 5000, order_id: plain.id, method: 'card', card, recurring: 1 })
    expect([refused.status, refused.body.error.field]).toEqual([400, 'recurring'])
    const emandate = await pay({ amount: 5000, order_id: plain.id, method: 'emandate', bank: 'HDFC' })
    expect([emandate.status, emandate.body.error.field]).toEqual([400, 'order_id'])
    const preferred = await pay({ amount: 5000, order_id: plain.id, method: 'card', card, recurring: 'preferred' })
    expect(preferred.status).toBe(200)
    await m.rzp.payments.otpSubmit(preferred.body.razorpay_payment_id, { otp: '1234' })
    expect(((await m.rzp.payments.fetch(preferred.body.razorpay_payment_id)) as any).token_id).toBeUndefined()
  })
})
