/**
 * Scheduled settlements: GET /v1/settlements[/:id] (SDK), the per-merchant cycle
 * (/_sandbox/settlements/schedule, TIJORI_SETTLEMENT_DAYS), partial settlement when the live
 * balance is short, refunds that outweigh the credits, and the ledger after each.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { advanceToIst, clockNow, ist, WEEKDAYS } from '../../support/ist-clock.js'
import { expectError } from '../../support/envelope.js'
import { assertLedgerBalanced, balances } from '../../support/ledger.js'
import { authorizedCardPayment } from '../../support/payments.js'
import { defaultDelayDays } from '../../../src/domain/settlements/schedule.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterEach(() => assertLedgerBalanced(s))
afterAll(() => s.close())

/** A captured ₹(amount/100) domestic card payment; fee 2%, no GST up to ₹2,000. */
async function capture(m: TestMerchant, amount: number): Promise<string> {
  const p = await authorizedCardPayment(m, { amount })
  await m.rzp.payments.capture(p.id, amount, 'INR')
  return p.id
}

async function settlements(m: TestMerchant): Promise<any[]> {
  return ((await m.rzp.settlements.all({ count: 100 })) as any).items
}

describe('GET /v1/settlements', () => {
  it('lists newest first with count/skip/from/to, fetches by id, and isolates merchants', async () => {
    const m = await s.newMerchant()
    await advanceToIst(m, WEEKDAYS.monday, 10)
    await capture(m, 10000)
    await advanceToIst(m, WEEKDAYS.tuesday, 10)
    await capture(m, 20000)
    await advanceToIst(m, WEEKDAYS.wednesday, 10)
    await capture(m, 30000)
    await advanceToIst(m, WEEKDAYS.saturday, 10)
    const all = await settlements(m)
    expect(all.map((x) => x.amount)).toEqual([29400, 19600, 9800])
    expect(all.map((x) => ist(x.created_at).weekday)).toEqual([WEEKDAYS.friday, WEEKDAYS.thursday, WEEKDAYS.wednesday])
    const page: any = await m.rzp.settlements.all({ count: 1, skip: 1 })
    expect(page.items).toEqual([all[1]])
    const window: any = await m.rzp.settlements.all({ from: all[1].created_at, to: all[1].created_at })
    expect(window.items).toEqual([all[1]])
    expect(await m.rzp.settlements.fetch(all[2].id)).toEqual(all[2])

    const other = await s.newMerchant()
    expect(await other.rzp.settlements.all({})).toEqual({ entity: 'collection', count: 0, items: [] })
    expectError(await other.http('GET', `/v1/settlements/${all[0].id}`), 400, { description: 'The id provided does not exist', field: 'id' })
  })

  it('answers bad parameters with Razorpay errors', async () => {
    const m = s.merchant
    expectError(await m.http('GET', '/v1/settlements?count=0'), 400, { description: 'The count must be at least 1.', field: 'count' })
    expectError(await m.http('GET', '/v1/settlements?count=101'), 400, { description: 'The count may not be greater than 100', field: 'count' })
    expectError(await m.http('GET', '/v1/settlements?from=1'), 400, { description: 'from must be between 946684800 and 4765046400', field: 'from' })
    expectError(await m.http('GET', '/v1/settlements/setl_00000000000000'), 400, { description: 'The id provided does not exist', field: 'id' })
    expectError(await m.http('GET', '/v1/settlements/pay_00000000000000'), 400, { description: 'pay_00000000000000 is not a valid id', field: 'id' })
    expect(await sdkError(m.rzp.settlements.fetch(''))).toBe('settlement Id is mandatroy')
  })
})

describe('the settlement cycle', () => {
  it('defaults to T+2 and can be set per merchant (T+1 settles a Friday capture on Monday)', async () => {
    const m = await s.newMerchant()
    expect((await m.http('GET', '/_sandbox/settlements/schedule')).body).toEqual({ delay_days: 2 })
    const set = await m.http('POST', '/_sandbox/settlements/schedule', { delay_days: 1 })
    expect(set.status, set.text).toBe(200)
    expect(set.body).toEqual({ delay_days: 1 })
    expect((await m.http('GET', '/_sandbox/settlements/schedule')).body).toEqual({ delay_days: 1 })
    expect((await s.merchant.http('GET', '/_sandbox/settlements/schedule')).body).toEqual({ delay_days: 2 })

    await advanceToIst(m, WEEKDAYS.friday, 18)
    await capture(m, 50000)
    await advanceToIst(m, WEEKDAYS.monday, 9, 1)
    const [setl] = await settlements(m)
    expect(setl).toMatchObject({ amount: 49000 })
    expect(ist(setl.created_at)).toMatchObject({ weekday: WEEKDAYS.monday, secondOfDay: 9 * 3600 })
  })

  it('refuses a bad schedule', async () => {
    const post = (body: unknown) => s.merchant.http('POST', '/_sandbox/settlements/schedule', body)
    const invalid = { description: 'delay_days must be an integer number of working days from 0 to 30.', field: 'delay_days' }
    for (const v of [-1, 31, 1.5, '2']) expectError(await post({ delay_days: v }), 400, invalid)
    expectError(await post({}), 400, { description: 'The delay_days field is required.', field: 'delay_days' })
  })

  it('TIJORI_SETTLEMENT_DAYS sets the global default', () => {
    expect(defaultDelayDays({})).toBe(2)
    expect(defaultDelayDays({ TIJORI_SETTLEMENT_DAYS: '3' })).toBe(3)
    expect(defaultDelayDays({ TIJORI_SETTLEMENT_DAYS: '0' })).toBe(0)
    expect(() => defaultDelayDays({ TIJORI_SETTLEMENT_DAYS: 'two' })).toThrow(/TIJORI_SETTLEMENT_DAYS/)
    expect(() => defaultDelayDays({ TIJORI_SETTLEMENT_DAYS: '31' })).toThrow(/TIJORI_SETTLEMENT_DAYS/)
  })
})

describe('partial settlement', () => {
  it('settles only the payments that fit the live balance; the rest roll over', async () => {
    const m = await s.newMerchant()
    await advanceToIst(m, WEEKDAYS.friday, 10)
    // P1 ₹500, P2 ₹300, P3 ₹200: credits 49000, 29400, 19600 (fee 2%, no GST on small card payments)
    const p1 = await capture(m, 50000)
    const p2 = await capture(m, 30000)
    const p3 = await capture(m, 20000)
    // An instant settlement on Saturday takes ₹200 out of the 98000 balance.
    await advanceToIst(m, WEEKDAYS.saturday, 10)
    await m.rzp.settlements.createOndemandSettlement({ amount: 20000 })
    expect((await balances(s, m.id)).merchantBalance).toBe(78000)

    // Tuesday: P1 fits, P2 (49000 + 29400 > 78000) does not, P3 still does.
    const tuesday = await advanceToIst(m, WEEKDAYS.tuesday, 10)
    const [setl] = await settlements(m)
    expect(setl.amount).toBe(49000 + 19600)
    const { year, month, day } = ist(tuesday).date
    const recon: any = await m.rzp.settlements.reports({ year, month, day })
    expect(recon.items.map((i: any) => i.entity_id).sort()).toEqual([p1, p3].sort())
    expect((await balances(s, m.id)).merchantBalance).toBe(78000 - 68600)

    // P2 rolls over to Wednesday's slot, where it still does not fit the 9400 left.
    await advanceToIst(m, WEEKDAYS.wednesday, 10)
    expect(await settlements(m)).toHaveLength(1)
    const jobs = await s.store.db.selectFrom('jobs').select(['status']).where('merchant_id', '=', m.id).where('kind', '=', 'settlement.scheduled').execute()
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done'])
    expect(p2).toMatch(/^pay_/)
  })

  it('refunds are deducted from the next settlement; if they outweigh the credits, nothing is paid out until they do not', async () => {
    const m = await s.newMerchant()
    await advanceToIst(m, WEEKDAYS.monday, 10)
    const p1 = await capture(m, 10000)
    await advanceToIst(m, WEEKDAYS.wednesday, 10) // p1 settled at 09:00
    expect((await settlements(m)).map((x) => x.amount)).toEqual([9800])
    await capture(m, 10000) // due Friday
    await advanceToIst(m, WEEKDAYS.thursday, 10)
    await m.rzp.payments.refund(p1, {}) // 10000 out of a 9800 balance
    expect((await balances(s, m.id)).merchantBalance).toBe(-200)

    await advanceToIst(m, WEEKDAYS.friday, 10) // 9800 − 10000 ≤ 0: no settlement
    expect(await settlements(m)).toHaveLength(1)
    await capture(m, 100000) // ₹1,000: fee 2000, due Tuesday
    await advanceToIst(m, WEEKDAYS.tuesday, 10)
    const all = await settlements(m)
    expect(all.map((x) => x.amount)).toEqual([9800 + 98000 - 10000, 9800])
    expect(await balances(s, m.id)).toMatchObject({ merchantBalance: 0, merchantBank: 9800 + 97800 })
    const { year, month, day } = ist(all[0].created_at).date
    const recon: any = await m.rzp.settlements.reports({ year, month, day })
    expect(recon.items.map((i: any) => [i.type, i.credit, i.debit])).toEqual(
      expect.arrayContaining([
        ['payment', 9800, 0],
        ['refund', 0, 10000],
        ['payment', 98000, 0],
      ]),
    )
    expect(await clockNow(m)).toBeGreaterThan(all[0].created_at)
  })
})
