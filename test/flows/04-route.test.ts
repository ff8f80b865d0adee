/**
 * Lifecycle 04: a marketplace on Route. Linked accounts are onboarded (24-hour cooling period, or
 * the sandbox's activation), an order splits its payment between two sellers, a payment and the
 * merchant's balance fund more transfers (one retried safely with X-Transfer-Idempotency), a hold
 * and a reversal change what settles, a refund with reverse_all takes money back, and the sellers
 * settle on the merchant's T+2 schedule — each seeing only its own money through X-Razorpay-Account.
 * The ledger follows every step and sums to zero.
 */
import Razorpay from 'razorpay'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'
import { advanceToIst, WEEKDAYS } from '../support/ist-clock.js'
import { assertLedgerBalanced } from '../support/ledger.js'
import { eventsOf } from '../support/payments.js'
import { accountBody, advance, fee, fund, linkedBank, linkedHeld, payOrder, paymentsBalance } from '../domain/transfers/support.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => FROZEN })
})
afterEach(() => assertLedgerBalanced(s))
afterAll(() => s.close())

/** The SDK acting as a linked account: the documented constructor header. */
function sellerSdk(m: TestMerchant, acc: string): Razorpay {
  const rzp = new Razorpay({ key_id: m.keyId, key_secret: m.keySecret, headers: { 'X-Razorpay-Account': acc } })
  ;(rzp as any).api.rq.defaults.baseURL = s.url
  return rzp
}

describe('Route marketplace', () => {
  it('onboards sellers, splits payments, reverses, refunds and settles', async () => {
    const m = await s.newMerchant()
    const rzp = m.rzp
    await advanceToIst(m, WEEKDAYS.monday, 10)

    // Onboarding: A waits out its cooling period on the merchant's clock; B is activated in the sandbox.
    const a: any = await rzp.accounts.create(accountBody({ legal_business_name: 'Seller A Traders' }) as any)
    const b: any = await rzp.accounts.create(accountBody({ legal_business_name: 'Seller B Crafts' }) as any)
    expect((await m.http('POST', `/_sandbox/accounts/${b.id}/activate`)).status).toBe(200)
    const early = await m.http('POST', '/v1/orders', { amount: 100000, currency: 'INR', transfers: [{ account: a.id, amount: 1000, currency: 'INR' }] })
    expect(early.body.error.description).toContain('cooling period')
    await advanceToIst(m, WEEKDAYS.tuesday, 10)

    // An order split between the sellers: created until paid, then processed.
    const order: any = await rzp.orders.create({
      amount: 100000,
      currency: 'INR',
      receipt: 'cart-1',
      transfers: [
        { account: a.id, amount: 70000, currency: 'INR', notes: { sku: 'A-1', margin: '12%' }, linked_account_notes: ['sku'] },
        { account: b.id, amount: 20000, currency: 'INR', on_hold: true },
      ],
    } as any)
    expect(order.transfers.map((t: any) => t.status)).toEqual(['created', 'created'])
    const payId = await payOrder(m, order.id, 100000)
    await advance(m, 1)
    const paid: any = await rzp.orders.fetchTransferOrder(order.id)
    expect(paid).toMatchObject({ status: 'paid', transfers: { count: 2 } })
    expect(paid.transfers.items.map((t: any) => [t.recipient, t.status, t.settlement_status])).toEqual([
      [a.id, 'processed', 'pending'],
      [b.id, 'processed', 'on_hold'],
    ])
    // ₹1,000 card: fee 2000, no GST; then each transfer's amount and fee.
    const afterOrder = 100000 - 2000 - (70000 + fee(70000).fees) - (20000 + fee(20000).fees)
    expect(await paymentsBalance(s, m)).toBe(afterOrder)

    // The merchant tops up its balance and sends B a bonus, retrying the request safely.
    await fund(m, 50000)
    const bonus = { account: b.id, amount: 10000, currency: 'INR', notes: { reason: 'festive bonus' } }
    const headers = { 'X-Transfer-Idempotency': 'bonus-2024-B' }
    const first = await m.http('POST', '/v1/transfers', bonus, headers)
    const retry = await m.http('POST', '/v1/transfers', bonus, headers)
    expect(retry.body).toEqual(first.body)
    expect(first.body).toMatchObject({ status: 'processed', source: m.id, recipient: b.id })

    // B's order share is released; A returns part of its share.
    await rzp.transfers.edit(paid.transfers.items[1].id, { on_hold: false } as any)
    const reversal: any = await rzp.transfers.reverse(paid.transfers.items[0].id, { amount: 5000 } as any)
    expect(reversal).toMatchObject({ entity: 'reversal', amount: 5000 })

    // A second sale, transferred from the payment, is refunded in full with reverse_all.
    const order2: any = await rzp.orders.create({ amount: 20000, currency: 'INR' })
    const pay2 = await payOrder(m, order2.id, 20000)
    const t2: any = await rzp.payments.transfer(pay2, { transfers: [{ account: a.id, amount: 15000, currency: 'INR' }] } as any)
    await advance(m, 1)
    const refund: any = await rzp.payments.refund(pay2, { amount: 20000, reverse_all: 1 } as any)
    expect((await rzp.transfers.fetch(t2.items[0].id)) as any).toMatchObject({ status: 'reversed', amount_reversed: 15000 })
    expect(((await m.http('GET', `/v1/transfers/${t2.items[0].id}/reversals`)).body.items[0]).customer_refund_id).toBe(refund.id)

    // Sellers see their own money only.
    const sellerA = sellerSdk(m, a.id)
    const aTransfers: any = await sellerA.transfers.all()
    expect(aTransfers.items.map((t: any) => t.amount).sort()).toEqual([15000, 70000])
    expect(aTransfers.items.find((t: any) => t.amount === 70000).notes).toEqual({ sku: 'A-1' })
    const aPayments: any = await sellerA.payments.all()
    expect(aPayments.items.every((p: any) => p.method === 'transfer')).toBe(true)
    expect(((await sellerSdk(m, b.id).transfers.all()) as any).items).toHaveLength(2)

    // Thursday 09:00 (T+2 from Tuesday): the sellers and the merchant settle.
    await advanceToIst(m, WEEKDAYS.thursday, 10)
    const aSetl: any = await sellerA.settlements.all()
    const bSetl: any = await sellerSdk(m, b.id).settlements.all()
    expect(aSetl.items.map((x: any) => x.amount)).toEqual([70000 - 5000])
    expect(bSetl.items.map((x: any) => x.amount)).toEqual([20000 + 10000])
    expect(await linkedHeld(s, m, a.id)).toBe(0)
    expect(await linkedBank(s, m, a.id)).toBe(65000)
    expect(await linkedBank(s, m, b.id)).toBe(30000)
    const settled: any = await rzp.transfers.all({ recipient_settlement_id: bSetl.items[0].id } as any)
    expect(settled.items).toHaveLength(2)
    expect(((await rzp.transfers.fetch(first.body.id)) as any).settlement_status).toBe('settled')
    expect(((await rzp.payments.fetchTransfer(payId)) as any).items).toHaveLength(2)

    const events = (await eventsOf(s, m.id)).map((e) => e.event)
    expect(events.filter((e) => e === 'transfer.processed')).toHaveLength(4)
    expect(events.filter((e) => e === 'settlement.processed').length).toBeGreaterThanOrEqual(3)
  })
})
