/**
 * GET /v1/settlements/recon/combined?year&month[&day][&count][&skip]: validation with the documented
 * texts, IST day and month windows, count 1-1000 and skip.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../support/harness.js'
import { advanceToIst, ist, WEEKDAYS } from '../../support/ist-clock.js'
import { expectError } from '../../support/envelope.js'
import { assertLedgerBalanced } from '../../support/ledger.js'
import { authorizedCardPayment, upiPayment } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterEach(() => assertLedgerBalanced(s))
afterAll(() => s.close())

describe('recon validation', () => {
  const get = (q: string) => s.merchant.http('GET', `/v1/settlements/recon/combined${q}`)
  it.each([
    ['', 'The year field is required.', 'year'],
    ['?year=22&month=6', 'The year must be 4 digits.', 'year'],
    ['?year=2022', 'The month field is required.', 'month'],
    ['?year=2022&month=13', 'The month is not a valid month.', 'month'],
    ['?year=2022&month=0', 'The month is not a valid month.', 'month'],
    ['?year=2022&month=june', 'The month is not a valid month.', 'month'],
    ['?year=2022&month=06&day=123', 'The day must be between 1 and 2 digits.', 'day'],
    ['?year=2022&month=06&day=31', 'The day is not a valid day of the month.', 'day'],
    ['?year=2022&month=06&count=0', 'The count must be at least 1.', 'count'],
    ['?year=2022&month=06&count=1001', 'The count may not be greater than 1000', 'count'],
    ['?year=2022&month=06&skip=-1', 'The skip must be at least 0.', 'skip'],
  ])('%s → %s', async (q, description, field) => {
    expectError(await get(q), 400, { description, field })
  })

  it('accepts zero-padded months and days, and count up to 1000', async () => {
    const r = await get('?year=2022&month=06&day=11&count=1000')
    expect(r.status, r.text).toBe(200)
    expect(r.body).toEqual({ entity: 'collection', count: 0, items: [] })
  })
})

describe('recon items', () => {
  it('pages through one settled day with count and skip, oldest first', async () => {
    const m = await s.newMerchant()
    await advanceToIst(m, WEEKDAYS.thursday, 11)
    const ids: string[] = []
    for (const amount of [10000, 20000, 30000]) {
      const p = await upiPayment(m, 'success@razorpay', { amount, notes: { n: String(amount) } })
      await m.rzp.payments.capture(p.id, amount, 'INR')
      ids.push(p.id)
    }
    const card = await authorizedCardPayment(m, { amount: 40000 })
    await m.rzp.payments.capture(card.id, 40000, 'INR')
    ids.push(card.id)
    const monday = await advanceToIst(m, WEEKDAYS.monday, 10)
    const { year, month, day } = ist(monday).date
    const all: any = await m.rzp.settlements.reports({ year, month, day })
    expect(all.items.map((i: any) => i.entity_id)).toEqual(ids)
    expect(all.items[0]).toMatchObject({ notes: { n: '10000' }, method: 'upi', order_receipt: null, settled: true })
    const page: any = await m.rzp.settlements.reports({ year, month, day, count: 2, skip: 1 })
    expect(page.items.map((i: any) => i.entity_id)).toEqual(ids.slice(1, 3))
    // The IST day before holds nothing settled.
    const sunday = ist(monday - 86400).date
    expect(((await m.rzp.settlements.reports(sunday)) as any).count).toBe(0)
  })
})
