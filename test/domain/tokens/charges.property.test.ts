/**
 * Property: no recurring charge ever exceeds its token's max_amount or is accepted on an
 * unconfirmed (initiated, rejected), expired, cancelled, paused or foreign token — and every
 * charge within those rules is accepted. A refused charge leaves no payment behind.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { advance, HOUR } from '../../support/ist-clock.js'
import { cardToken, charge, emandateToken, newCustomer, upiToken } from './support.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

/** 2020-01-15 00:00 UTC = 05:30 IST: two hours later is still before the Aadhaar cut-off. */
const START = 1579046400

interface Case {
  id: string
  owner: string
  max: number
  chargeable: boolean
  label: string
}

let s: TestServer
let m: TestMerchant
let customers: string[]
let tokens: Case[]

beforeAll(async () => {
  s = await startTestServer({ realNow: () => START })
  m = s.merchant
  const a = await newCustomer(m, 'Customer A')
  const b = await newCustomer(m, 'Customer B')
  customers = [a, b]
  const confirmed = await cardToken(m, a, { max_amount: 5000 })
  const upi = await upiToken(m, a, 'gaurav@upi', 3000)
  const foreign = await cardToken(m, b, { max_amount: 20000 })
  const initiated = await emandateToken(s, m, a, { authType: 'aadhaar', maxAmount: 8000 })
  const rejected = await emandateToken(s, m, a, { accountNumber: '1111111111', maxAmount: 8000 })
  const cancelled = await cardToken(m, a, { max_amount: 20000 })
  await m.rzp.customers.deleteToken(a, cancelled)
  const paused = await upiToken(m, a, 'paused@upi', 20000)
  await m.http('POST', `/_sandbox/tokens/${paused}/pause`)
  const expired = await cardToken(m, a, { max_amount: 20000, expire_at: START + HOUR })
  await advance(m, 2 * HOUR)
  tokens = [
    { id: confirmed, owner: a, max: 5000, chargeable: true, label: 'confirmed card' },
    { id: upi, owner: a, max: 3000, chargeable: true, label: 'confirmed upi' },
    { id: foreign, owner: b, max: 20000, chargeable: true, label: "customer B's card" },
    { id: initiated, owner: a, max: 8000, chargeable: false, label: 'initiated' },
    { id: rejected, owner: a, max: 8000, chargeable: false, label: 'rejected' },
    { id: cancelled, owner: a, max: 20000, chargeable: false, label: 'cancelled' },
    { id: paused, owner: a, max: 20000, chargeable: false, label: 'paused' },
    { id: expired, owner: a, max: 20000, chargeable: false, label: 'expired' },
  ]
})
afterAll(() => s.close())

describe('recurring charges (property)', () => {
  it('are accepted exactly when the token is the customer’s, confirmed, unexpired and the amount ≤ max_amount', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: tokens.length - 1 }), fc.nat({ max: 1 }), fc.integer({ min: 100, max: 25000 }), async (t, c, amount) => {
        const token = tokens[t]
        const customer = customers[c]
        const r = await charge(m, customer, token.id, amount)
        const allowed = token.chargeable && token.owner === customer && amount <= token.max
        expect(r.status, `${token.label}, ${amount} paise, customer ${c}: ${r.text}`).toBe(allowed ? 200 : 400)
        if (allowed) {
          const p: any = await m.rzp.payments.fetch(r.body.razorpay_payment_id)
          expect(p.amount).toBeLessThanOrEqual(token.max)
          expect(p.token_id).toBe(token.id)
        }
      }),
      { numRuns: 40 },
    )
    // No refused charge left a payment: every payment with a token is an accepted one, within its limit.
    const payments = await s.store.db.selectFrom('payments').selectAll().where('merchant_id', '=', m.id).where('token_id', 'is not', null).execute()
    for (const p of payments) {
      const token = tokens.find((x) => x.id === p.token_id)
      if (!token || p.order_id === null) continue
      const isCharge = p.scenario === 'recurring'
      if (isCharge) {
        expect(token.chargeable, token.label).toBe(true)
        expect(p.amount).toBeLessThanOrEqual(token.max)
        expect(p.customer_id).toBe(token.owner)
      }
    }
  })
})
