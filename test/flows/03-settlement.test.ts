/**
 * Lifecycle 03: captured payments settle on T+2 working days of the merchant's clock, net of fees
 * and refunds; settlement.processed fires; recon lists what was settled; the ledger follows every
 * step and sums to zero.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/harness.js'
import { advanceToIst, ist, WEEKDAYS } from '../support/ist-clock.js'
import { assertLedgerBalanced, balances } from '../support/ledger.js'
import { authorizedCardPayment, eventsOf, upiPayment } from '../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterEach(() => assertLedgerBalanced(s))
afterAll(() => s.close())

describe('settlement T+2', () => {
  it('captures on a Friday settle on Tuesday, net of fees and refunds', async () => {
    const m = await s.newMerchant()
    const rzp = m.rzp
    const friday = await advanceToIst(m, WEEKDAYS.friday, 10)

    // ₹100 domestic card: fee 200, no GST. ₹3,000 card: fee 6000 + 18% GST = 7080. ₹500 UPI: 1000 + 180.
    const small = await authorizedCardPayment(m, { amount: 10000 })
    await rzp.payments.capture(small.id, 10000, 'INR')
    const big = await authorizedCardPayment(m, { amount: 300000, number: '5241810000000000' })
    await rzp.payments.capture(big.id, 300000, 'INR')
    const upi = await upiPayment(m, 'success@razorpay', { amount: 50000 })
    await rzp.payments.capture(upi.id, 50000, 'INR')
    expect(await rzp.payments.fetch(big.id)).toMatchObject({ fee: 7080, tax: 1080 })
    const refund = await rzp.payments.refund(big.id, { amount: 50000 })

    const net = 10000 - 200 + (300000 - 7080) + (50000 - 1180) - 50000
    expect(await balances(s, m.id)).toEqual({ customers: -360000 + 50000, merchantBalance: net, fees: 200 + 7080 + 1180, merchantBank: 0 })

    // Nothing over the weekend, nor on Monday.
    await advanceToIst(m, WEEKDAYS.monday, 23, 59)
    expect(await rzp.settlements.all({})).toEqual({ entity: 'collection', count: 0, items: [] })

    const tuesday = await advanceToIst(m, WEEKDAYS.tuesday, 12)
    const list: any = await rzp.settlements.all({})
    expect(list.count).toBe(1)
    const setl = list.items[0]
    expect(setl).toEqual({
      id: expect.stringMatching(/^setl_[0-9A-Za-z]{14}$/),
      entity: 'settlement',
      amount: net,
      status: 'processed',
      fees: 0,
      tax: 0,
      utr: expect.stringMatching(/^[A-Z0-9]{16}$/),
      created_at: tuesday - 3 * 3600, // the 09:00 IST slot
    })
    expect(ist(setl.created_at)).toMatchObject({ weekday: WEEKDAYS.tuesday, secondOfDay: 9 * 3600 })
    expect(setl.created_at - friday).toBeGreaterThan(3 * 86400)
    expect(await rzp.settlements.fetch(setl.id)).toEqual(setl)
    expect(await balances(s, m.id)).toMatchObject({ merchantBalance: 0, merchantBank: net })

    // settlement.processed, in the outbox with the entity as it was
    const events = (await eventsOf(s, m.id)).filter((e) => e.event === 'settlement.processed')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ contains: ['settlement'], payload: { settlement: { entity: setl } } })
    expect(events[0].created_at - setl.created_at).toBeGreaterThanOrEqual(0)
    expect(events[0].created_at - setl.created_at).toBeLessThanOrEqual(2)

    // recon for that day: the three payments and the refund
    const { year, month, day } = ist(setl.created_at).date
    const recon: any = await rzp.settlements.reports({ year, month, day })
    expect(recon.entity).toBe('collection')
    expect(recon.count).toBe(4)
    const byId = Object.fromEntries(recon.items.map((i: any) => [i.entity_id, i]))
    expect(byId[big.id]).toEqual({
      entity_id: big.id,
      type: 'payment',
      debit: 0,
      credit: 300000 - 7080,
      amount: 300000,
      currency: 'INR',
      fee: 7080,
      tax: 1080,
      on_hold: false,
      settled: true,
      created_at: expect.any(Number),
      settled_at: setl.created_at,
      settlement_id: setl.id,
      posted_at: null,
      credit_type: 'default',
      description: null,
      notes: [],
      payment_id: null,
      settlement_utr: setl.utr,
      order_id: big.orderId,
      order_receipt: null,
      method: 'card',
      card_network: 'MasterCard',
      card_issuer: 'HDFC', // the EMI test card's issuer (the other test cards have none)
      card_type: expect.stringMatching(/^(credit|debit)$/),
      dispute_id: null,
    })
    expect(byId[refund.id]).toMatchObject({
      type: 'refund',
      debit: 50000,
      credit: 0,
      amount: 50000,
      fee: 0,
      tax: 0,
      settled: true,
      payment_id: big.id,
      settlement_id: setl.id,
      created_at: refund.created_at,
      order_id: big.orderId,
      method: 'card',
    })
    expect(byId[upi.id]).toMatchObject({ type: 'payment', credit: 50000 - 1180, fee: 1180, tax: 180, method: 'upi', card_network: null })
    const sum = recon.items.reduce((t: number, i: any) => t + i.credit - i.debit, 0)
    expect(sum).toBe(setl.amount)
    // the whole month answers the same items; another day answers none
    expect(((await rzp.settlements.reports({ year, month })) as any).count).toBe(4)
    const other = ist(friday).date
    expect(((await rzp.settlements.reports(other)) as any).count).toBe(0)
  })

  it('each working day settles its own captures; a Monday capture waits for Wednesday', async () => {
    const m = await s.newMerchant()
    await advanceToIst(m, WEEKDAYS.monday, 15)
    const a = await authorizedCardPayment(m, { amount: 20000 })
    await m.rzp.payments.capture(a.id, 20000, 'INR')
    await advanceToIst(m, WEEKDAYS.tuesday, 15)
    const b = await authorizedCardPayment(m, { amount: 30000 })
    await m.rzp.payments.capture(b.id, 30000, 'INR')

    await advanceToIst(m, WEEKDAYS.wednesday, 8, 59)
    expect((await m.rzp.settlements.all({})).count).toBe(0)
    await advanceToIst(m, WEEKDAYS.wednesday, 9, 1)
    expect((await m.rzp.settlements.all({})).items.map((x: any) => x.amount)).toEqual([20000 - 400])
    await advanceToIst(m, WEEKDAYS.thursday, 9, 1)
    const all: any = await m.rzp.settlements.all({})
    expect(all.items.map((x: any) => x.amount)).toEqual([30000 - 600, 20000 - 400]) // newest first
    expect(await balances(s, m.id)).toMatchObject({ merchantBalance: 0, merchantBank: 30000 - 600 + 20000 - 400 })
  })
})
