/**
 * POST /v1/payments/create/json with method emi: a card block plus emi_duration, on a plan of the
 * card's issuer (src/bank/emi.ts); the same OTP / bank-page authentication as cards; expand[]=emi.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { testCard, testCustomer } from '../../support/factories.js'
import { bankAction, countRows, newOrder } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const EMI_CARD = '5241810000000000' // the documented EMI test card (issuer HDFC: 3–24 months at 15%, from ₹3,000)

async function startEmi(extra: Record<string, unknown> = {}, amount = 500000): Promise<any> {
  const order = await newOrder(s.merchant, amount)
  return s.merchant.rzp.payments.createPaymentJson({
    amount,
    currency: 'INR',
    order_id: order.id,
    ...testCustomer,
    method: 'emi',
    emi_duration: 6,
    card: testCard(EMI_CARD),
    ...extra,
  } as any)
}

describe('create/json with method emi', () => {
  it('the EMI test card on a 6-month plan: OTP authorizes it; method emi, card_id, and expand[]=emi shows the plan', async () => {
    const created = await startEmi()
    const id = created.razorpay_payment_id
    expect(created.next.map((n: { action: string }) => n.action)).toEqual(['otp_submit', 'otp_resend', 'redirect'])
    const auth: any = await s.merchant.rzp.payments.otpSubmit(id, { otp: '123456' })
    expect(auth.razorpay_signature).toMatch(/^[0-9a-f]{64}$/)

    const plain: any = await s.merchant.rzp.payments.fetch(id)
    expect(plain).toMatchObject({ status: 'authorized', method: 'emi', card_id: expect.stringMatching(/^card_/), bank: 'HDFC', acquirer_data: { auth_code: expect.any(String) } })
    expect(plain).not.toHaveProperty('emi')
    const expanded: any = await s.merchant.rzp.payments.fetch(id, { 'expand[]': 'emi' } as any)
    expect(expanded).toEqual({ ...plain, emi: { issuer: 'HDFC', rate: 1500, duration: 6 } })
    expect(await s.merchant.rzp.payments.fetchCardDetails(id)).toMatchObject({ id: plain.card_id, last4: '0000', network: 'MasterCard', issuer: 'HDFC', emi: true })
  })

  it('accepts emi_duration as a string and authenticates on the bank page too', async () => {
    const created = await startEmi({ emi_duration: '24' })
    expect((await bankAction(s, created.razorpay_payment_id, 'success')).status).toBe(200)
    const p: any = await s.merchant.rzp.payments.fetch(created.razorpay_payment_id, { 'expand[]': 'emi' } as any)
    expect(p).toMatchObject({ status: 'authorized', method: 'emi', emi: { issuer: 'HDFC', rate: 1500, duration: 24 } })
  })

  it('expand[]=emi is null on a card payment', async () => {
    const order = await newOrder(s.merchant, 10000)
    const created: any = await s.merchant.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', card: testCard() } as any)
    const p: any = await s.merchant.rzp.payments.fetch(created.razorpay_payment_id, { 'expand[]': 'emi' } as any)
    expect(p.emi).toBeNull()
  })
})

describe('create/json with method emi: refused requests (nothing is stored)', () => {
  const cases: [string, Record<string, unknown>, number | undefined, Record<string, unknown>][] = [
    [
      'a card that is not EMI-capable',
      { card: testCard('4111111111111111') },
      undefined,
      { field: 'card[number]', description: expect.stringContaining('EMI is not available on this card') },
    ],
    [
      'a duration the issuer does not offer',
      { emi_duration: 7 },
      undefined,
      { field: 'emi_duration', reason: 'emi_plan_unavailable', description: 'The EMI plan is not available. HDFC offers EMI for 3, 6, 9, 12, 18, 24 months.' },
    ],
    ['no emi_duration', { emi_duration: undefined }, undefined, { field: 'emi_duration', description: 'The emi_duration field is required.' }],
    ['an amount below the plan minimum', {}, 200000, { field: 'amount', description: 'The amount must be at least INR 3000.00 for EMI on HDFC cards.' }],
    ['a bank alongside the card', { bank: 'HDFC' }, undefined, { field: 'bank', reason: 'extra_field_sent' }],
  ]
  for (const [label, extra, amount, error] of cases) {
    it(`${label} → 400`, async () => {
      const before = await countRows(s, 'payments', s.merchant.id)
      const err = await sdkError(startEmi(extra, amount))
      expect(err.statusCode).toBe(400)
      expect(err.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', ...error })
      expect(await countRows(s, 'payments', s.merchant.id)).toBe(before)
    })
  }

  it('emi_duration with method card is refused as an extra field', async () => {
    const order = await newOrder(s.merchant, 10000)
    const err = await sdkError(
      s.merchant.rzp.payments.createPaymentJson({ amount: 10000, currency: 'INR', order_id: order.id, ...testCustomer, method: 'card', emi_duration: 3, card: testCard() } as any),
    )
    expect(err.error).toMatchObject({ field: 'emi_duration', reason: 'extra_field_sent' })
  })
})
