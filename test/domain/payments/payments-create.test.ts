/** POST /v1/payments/create/json with cards (and the instrument checks of every method), through the SDK. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { testCard, testCustomer } from '../../support/factories.js'
import { countEvents, countRows, newOrder, startCardPayment } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())

const SUCCESS_CARDS = [
  { number: '4111111111111111', network: 'Visa', label: 'legacy Visa 4111 1111 1111 1111' },
  { number: '4100280000001007', network: 'Visa', label: 'Visa 4100 2800 0000 1007' },
  { number: '5500670000001002', network: 'MasterCard', label: 'Mastercard 5500 6700 0000 1002' },
  { number: '6527658900001005', network: 'RuPay', label: 'RuPay 6527 6589 0000 1005' },
  { number: '36082800091007', network: 'Diners Club', label: 'Diners 3608 280009 1007' },
  { number: '340256000401007', network: 'American Express', label: 'Amex 3402 560004 01007', cvv: '1234' },
]

describe('create/json with a success card', () => {
  for (const c of SUCCESS_CARDS) {
    it(`${c.label}: created → OTP → authorized, card entity ${c.network}`, async () => {
      const rzp = s.merchant.rzp
      const p = await startCardPayment(s.merchant, c.number, { amount: 20000, card: c.cvv ? { cvv: c.cvv } : {} })
      expect(p.created.razorpay_payment_id).toMatch(/^pay_[0-9A-Za-z]{14}$/)
      const auth: any = await rzp.payments.otpSubmit(p.id, { otp: '1234' })
      expect(auth).toEqual({ razorpay_payment_id: p.id, razorpay_order_id: p.orderId, razorpay_signature: expect.stringMatching(/^[0-9a-f]{64}$/) })
      const paid = await rzp.payments.fetch(p.id)
      expect(paid).toMatchObject({ status: 'authorized', method: 'card', international: false, captured: false, fee: null, tax: null })
      const cardEntity: any = await rzp.payments.fetchCardDetails(p.id)
      expect(cardEntity).toMatchObject({
        id: paid.card_id,
        entity: 'card',
        name: 'Gaurav Kumar',
        last4: c.number.slice(-4),
        network: c.network,
        international: false,
        emi: false,
      })
    })
  }

  it('answers with the payment id and next actions that point back at this server', async () => {
    const p = await startCardPayment(s.merchant)
    const next = p.created.next as { action: string; url: string }[]
    expect(next.map((n) => n.action)).toEqual(['otp_submit', 'otp_resend', 'redirect'])
    const base = `${s.url}/v1/payments/${p.id}`
    expect(next[0].url).toBe(`${base}/otp/submit?key_id=${s.merchant.keyId}`)
    expect(next[1].url).toBe(`${base}/otp/resend?key_id=${s.merchant.keyId}`)
    expect(next[2].url).toBe(`${base}/authenticate`)
  })

  it('shows the created payment with Razorpay’s entity fields, fee and tax null', async () => {
    const p = await startCardPayment(s.merchant, '4111111111111111', { amount: 12345, notes: { purpose: 'test' } })
    const payment: any = await s.merchant.rzp.payments.fetch(p.id)
    expect(payment).toEqual({
      id: p.id,
      entity: 'payment',
      amount: 12345,
      currency: 'INR',
      status: 'created',
      order_id: p.orderId,
      invoice_id: null,
      international: false,
      method: 'card',
      amount_refunded: 0,
      refund_status: null,
      captured: false,
      description: null,
      card_id: expect.stringMatching(/^card_[0-9A-Za-z]{14}$/),
      bank: null,
      wallet: null,
      vpa: null,
      email: testCustomer.email,
      contact: testCustomer.contact,
      notes: { purpose: 'test' },
      fee: null,
      tax: null,
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: {},
      created_at: expect.any(Number),
    })
  })

  it('marks international test cards international', async () => {
    for (const number of ['5555555555554444', '4012888888881881']) {
      const p = await startCardPayment(s.merchant, number)
      await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
      expect(await s.merchant.rzp.payments.fetch(p.id)).toMatchObject({ status: 'authorized', international: true })
      expect(await s.merchant.rzp.payments.fetchCardDetails(p.id)).toMatchObject({ international: true })
    }
  })

  it('accepts a card number with spaces and numeric JSON values', async () => {
    const p = await startCardPayment(s.merchant, '4111 1111 1111 1111', { card: { expiry_month: 12, expiry_year: 2030, cvv: 123 } })
    await s.merchant.rzp.payments.otpSubmit(p.id, { otp: '1234' })
    expect(await s.merchant.rzp.payments.fetchCardDetails(p.id)).toMatchObject({ last4: '1111', network: 'Visa' })
  })

  it('stores only last4, network, type and issuer: never the full number or the CVV', async () => {
    const m = await s.newMerchant()
    const p = await startCardPayment(m, '5500670000001002', { card: { cvv: '735' } })
    const cards = await s.store.db.selectFrom('cards').selectAll().where('merchant_id', '=', m.id).execute()
    expect(cards).toHaveLength(1)
    expect(Object.keys(cards[0])).not.toContain('number')
    expect(Object.keys(cards[0])).not.toContain('cvv')
    expect(cards[0]).toMatchObject({ last4: '1002', network: 'MasterCard' })
    expect(Object.values(cards[0])).not.toContain('735')
    const payments = await s.store.db.selectFrom('payments').selectAll().where('id', '=', p.id).execute()
    const dump = JSON.stringify({ cards, payments })
    expect(dump).not.toContain('5500670000001002')
    expect(dump).not.toContain('"735"')
  })
})

describe('create/json refuses bad instruments with 400 and creates nothing', () => {
  async function refused(card: Record<string, unknown>) {
    const m = await s.newMerchant()
    const order = await newOrder(m, 10000)
    const err = await sdkError(
      m.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', card } as any),
    )
    // Nothing was written: no payment, no card, no event, and the order was not attempted.
    expect(await countRows(s, 'payments', m.id)).toBe(0)
    expect(await countRows(s, 'cards', m.id)).toBe(0)
    expect(await countEvents(s, m.id)).toBe(0)
    expect(await m.rzp.orders.fetch(order.id)).toMatchObject({ status: 'created', attempts: 0 })
    return err
  }

  it('a number that fails Luhn', async () => {
    const err = await refused(testCard('4111111111111112'))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({
      code: 'BAD_REQUEST_ERROR',
      description: 'The card number is invalid.',
      field: 'card[number]',
      source: 'business',
      step: 'payment_initiation',
      reason: 'input_validation_failed',
    })
  })

  it('a test card with one digit changed (Luhn) and a too-short number', async () => {
    expect((await refused(testCard('4100280000001008'))).error.description).toBe('The card number is invalid.')
    expect((await refused(testCard('42424242424'))).error.description).toBe('The card number is invalid.')
    expect((await refused(testCard('4111-1111-1111-1111'))).error.description).toBe('The card number is invalid.')
  })

  it('an expired card (past year, or earlier month of this year)', async () => {
    const err = await refused({ ...testCard(), expiry_month: '12', expiry_year: '2020' })
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: 'The card has expired.', reason: 'card_expired', field: 'card[expiry_year]' })
    const now = new Date()
    if (now.getUTCMonth() > 0) {
      const lastMonth = await refused({ ...testCard(), expiry_month: String(now.getUTCMonth()), expiry_year: String(now.getUTCFullYear()) })
      expect(lastMonth.error).toMatchObject({ description: 'The card has expired.', field: 'card[expiry_month]' })
    }
  })

  it('a malformed expiry or CVV', async () => {
    expect((await refused({ ...testCard(), expiry_month: '13' })).error).toMatchObject({
      description: 'The expiry month must be between 1 and 12.',
      field: 'card[expiry_month]',
    })
    expect((await refused({ ...testCard(), cvv: '12' })).error).toMatchObject({ description: 'The cvv must be 3 digits.', field: 'card[cvv]' })
    expect((await refused({ ...testCard('340256000401007'), cvv: '123' })).error.description).toBe(
      'The cvv must be 4 digits for American Express cards.',
    )
    const { cvv: _cvv, ...noCvv } = testCard()
    expect((await refused(noCvv)).error).toMatchObject({ description: 'The card[cvv] field is required.', field: 'card[cvv]' })
  })
})

describe('create/json request validation', () => {
  async function create(body: Record<string, unknown>) {
    return sdkError(s.merchant.rzp.payments.createPaymentJson({ currency: 'INR', ...testCustomer, ...body } as any))
  }

  it('checks method, method-specific fields and extra fields', async () => {
    const order = await newOrder(s.merchant, 10000)
    const base = { amount: 10000, order_id: order.id }
    expect((await create({ ...base, method: 'cash' })).error).toMatchObject({ description: 'Invalid payment method given', field: 'method' })
    expect((await create({ ...base, method: 'card' })).error).toMatchObject({ description: 'The card field is required.', field: 'card' })
    expect((await create({ ...base, method: 'card', card: testCard(), bank: 'HDFC' })).error).toMatchObject({
      description: 'bank is/are not required and should not be sent',
      reason: 'extra_field_sent',
    })
    expect((await create({ ...base, method: 'netbanking' })).error.description).toBe('The bank field is required.')
    expect((await create({ ...base, method: 'netbanking', bank: 'NOPE' })).error).toMatchObject({ description: 'Invalid bank code provided.', field: 'bank' })
    expect((await create({ ...base, method: 'wallet', wallet: 'nowallet' })).error).toMatchObject({ description: 'Invalid wallet provided.', field: 'wallet' })
    expect((await create({ ...base, method: 'card', card: testCard(), colour: 'red' })).error.description).toBe(
      'colour is/are not required and should not be sent',
    )
    expect((await create({ ...base, method: 'card', card: testCard(), callback_url: 'not a url' })).error).toMatchObject({
      description: 'The callback url format is invalid.',
      field: 'callback_url',
    })
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'created', attempts: 0 })
  })

  it('checks the payment against its order', async () => {
    const eventsBefore = await countEvents(s, s.merchant.id)
    const order = await newOrder(s.merchant, 10000)
    const amount = await create({ amount: 9999, order_id: order.id, method: 'card', card: testCard() })
    expect(amount.statusCode).toBe(400)
    expect(amount.error).toMatchObject({ field: 'amount' })
    const currency = await create({ amount: 10000, currency: 'USD', order_id: order.id, method: 'card', card: testCard() })
    expect(currency.error).toMatchObject({ description: 'Currency should be same as order currency.', field: 'currency' })
    const missing = await create({ amount: 10000, order_id: 'order_00000000000000', method: 'card', card: testCard() })
    expect(missing.error).toMatchObject({ description: 'The id provided does not exist', field: 'order_id' })
    const wrongPrefix = await create({ amount: 10000, order_id: 'pay_00000000000000', method: 'card', card: testCard() })
    expect(wrongPrefix.error).toMatchObject({ description: 'pay_00000000000000 is not a valid id', field: 'order_id' })
    const noOrder = await create({ amount: 10000, method: 'card', card: testCard() })
    expect(noOrder.error).toMatchObject({ description: 'The order_id field is required.', field: 'order_id' })
    const notInt = await create({ amount: 'ten', order_id: order.id, method: 'card', card: testCard() })
    expect(notInt.error).toMatchObject({ description: 'The amount must be an integer.', field: 'amount' })
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'created', attempts: 0 })
    expect(await countEvents(s, s.merchant.id)).toBe(eventsBefore)
  })

  it('checks email, contact and customer_id like the rest of the API, and stores nothing when one is bad', async () => {
    const order = await newOrder(s.merchant, 10000)
    const base = { amount: 10000, order_id: order.id, method: 'card', card: testCard() }
    expect((await create({ ...base, email: 'notanemail' })).error).toMatchObject({ description: 'The email must be a valid email address.', field: 'email' })
    expect((await create({ ...base, contact: '12' })).error).toMatchObject({
      description: 'Contact number should be at least 8 digits, including country code',
      field: 'contact',
    })
    expect((await create({ ...base, contact: 'abc' })).error).toMatchObject({ description: 'The contact format is invalid.', field: 'contact' })
    expect((await create({ ...base, customer_id: 'foo' })).error).toMatchObject({ description: 'foo is not a valid id', field: 'customer_id' })
    expect((await create({ ...base, customer_id: 'cust_AAAAAAAAAAAAAA' })).error).toMatchObject({ description: 'The id provided does not exist', field: 'customer_id' })
    const other = await s.newMerchant()
    const theirs: any = await other.rzp.customers.create({ name: 'Not Yours', email: 'not.yours@example.com' })
    expect((await create({ ...base, customer_id: theirs.id })).error).toMatchObject({ description: 'The id provided does not exist', field: 'customer_id' })
    expect(await s.merchant.rzp.orders.fetch(order.id)).toMatchObject({ status: 'created', attempts: 0 })
    // A customer of this merchant is taken and shown on the payment.
    const mine: any = await s.merchant.rzp.customers.create({ name: 'Gaurav Kumar', email: `gk.${order.id}@example.com` })
    const ok: any = await s.merchant.rzp.payments.createPaymentJson({ currency: 'INR', ...testCustomer, ...base, customer_id: mine.id } as any)
    expect((await s.merchant.rzp.payments.fetch(ok.razorpay_payment_id)).customer_id).toBe(mine.id)
  })
})

describe('the documented request bodies are accepted', () => {
  it('the JSON v2 cards example (browser, authentication, ip, referer, user_agent, callback_url)', async () => {
    const order = await newOrder(s.merchant, 100)
    const created: any = await s.merchant.rzp.payments.createPaymentJson({
      amount: 100,
      currency: 'INR',
      contact: '9900008989',
      email: 'gaurav.kumar@example.com',
      order_id: order.id,
      callback_url: 'https://webhook.site/fa184d00-53da-4257-b5e4-f98e3373b005',
      method: 'card',
      card: { number: '4386289407660153', name: 'Gaurav', expiry_month: '11', expiry_year: '30', cvv: '100' },
      authentication: { authentication_channel: 'browser' },
      browser: { java_enabled: false, javascript_enabled: false, timezone_offset: 11, color_depth: 23, screen_width: 23, screen_height: 100 },
      ip: '105.106.107.108',
      referer: 'https://merchansite.com/example/paybill',
      user_agent: 'Mozilla/5.0',
    } as any)
    expect(created.razorpay_payment_id).toMatch(/^pay_/)
    await s.merchant.rzp.payments.otpSubmit(created.razorpay_payment_id, { otp: '1234' })
    expect(await s.merchant.rzp.payments.fetch(created.razorpay_payment_id)).toMatchObject({ status: 'authorized', contact: '9900008989' })
  })

  it('the native-OTP example: form-encoded with card[...] brackets and auth_type=otp', async () => {
    const order = await newOrder(s.merchant, 5000)
    const body =
      `amount=5000&currency=INR&order_id=${order.id}&contact=9123456780&email=gaurav.kumar@example.com&method=card` +
      '&card[number]=4386289407660153&card[name]=Gaurav%20Kumar&card[expiry_month]=01&card[expiry_year]=35&card[cvv]=111' +
      '&user_agent=Razorpay%20SDK&ip=1.160.10.240&referer=https://www.example.com&auth_type=otp'
    const res = await s.merchant.http('POST', '/v1/payments/create/json', body, { 'content-type': 'application/x-www-form-urlencoded' })
    expect(res.status).toBe(200)
    expect(res.body.next.map((n: any) => n.action)).toContain('otp_submit')
    const submit = await s.merchant.http('POST', `/v1/payments/${res.body.razorpay_payment_id}/otp/submit`, 'otp=123456', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(submit.body).toMatchObject({ razorpay_payment_id: res.body.razorpay_payment_id, razorpay_order_id: order.id })
    expect(await s.merchant.rzp.payments.fetchCardDetails(res.body.razorpay_payment_id)).toMatchObject({ network: 'Visa', last4: '0153', name: 'Gaurav Kumar' })
  })
})
