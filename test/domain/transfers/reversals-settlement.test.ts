/**
 * Reversals (POST/GET /v1/transfers/:id/reversals, refunds with reverse_all), settlement holds
 * (PATCH /v1/transfers/:id), linked-account settlements on the parent's schedule with
 * settlement.processed, recipient_settlement_id / expand[]=recipient_settlement, and the merchant's
 * own settlement netting its transfers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { capturedPayment } from '../../support/factories.js'
import { advanceTo, advanceToIst, ist, nextIst, WEEKDAYS } from '../../support/ist-clock.js'
import { assertLedgerBalanced } from '../../support/ledger.js'
import { eventsOf } from '../../support/payments.js'
import { advance, asAccount, direct, fee, fund, linkedAccount, linkedBank, linkedHeld, paymentsBalance } from './support.js'

let s: TestServer
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => FROZEN })
})
afterAll(() => s.close())
afterEach(() => assertLedgerBalanced(s))

async function setup(balance = 1_00_000): Promise<{ m: TestMerchant; a: string; b: string }> {
  const m = await s.newMerchant()
  if (balance > 0) await fund(m, balance)
  return { m, a: await linkedAccount(m), b: await linkedAccount(m) }
}

async function processedPaymentTransfers(m: TestMerchant, paymentId: string, transfers: { account: string; amount: number }[]): Promise<any[]> {
  const r = await m.http('POST', `/v1/payments/${paymentId}/transfers`, { transfers: transfers.map((t) => ({ ...t, currency: 'INR' })) })
  expect(r.status, r.text).toBe(200)
  await advance(m, 1)
  return r.body.items
}

describe('reversals', () => {
  it('partial, then full: the linked account pays back, the fee stays charged (SDK)', async () => {
    const { m, a } = await setup()
    const t = (await direct(m, { account: a, amount: 10000, currency: 'INR' })).body
    const r1: any = await m.rzp.transfers.reverse(t.id, { amount: 3000, notes: { reason: 'returned' } } as any)
    expect(r1).toEqual({
      id: expect.stringMatching(/^rvrsl_[0-9A-Za-z]{14}$/),
      entity: 'reversal',
      transfer_id: t.id,
      amount: 3000,
      fee: 0,
      tax: 0,
      currency: 'INR',
      notes: { reason: 'returned' },
      initiator_id: m.id.slice(4),
      customer_refund_id: null,
      utr: null,
      created_at: FROZEN,
    })
    expect((await m.rzp.transfers.fetch(t.id)) as any).toMatchObject({ status: 'partially_reversed', amount_reversed: 3000, settlement_status: 'pending' })
    const r2: any = await m.rzp.transfers.reverse(t.id, {} as any)
    expect(r2.amount).toBe(7000)
    expect((await m.rzp.transfers.fetch(t.id)) as any).toMatchObject({ status: 'reversed', amount_reversed: 10000, settlement_status: null })
    expect((await m.http('GET', `/v1/transfers/${t.id}/reversals`)).body.items.map((r: any) => r.id)).toEqual([r2.id, r1.id].sort().reverse())
    expect(await linkedHeld(s, m, a)).toBe(0)
    expect(await paymentsBalance(s, m)).toBe(1_00_000 - fee(10000).fees)
    // The linked account's payment for the transfer is refunded with it.
    const [pay] = (await asAccount(m, a)('GET', '/v1/payments')).body.items
    expect(pay).toMatchObject({ method: 'transfer', amount: 10000, amount_refunded: 10000, refund_status: 'full', status: 'refunded' })
  })

  it('refuses what cannot be reversed', async () => {
    const { m, a } = await setup()
    const t = (await direct(m, { account: a, amount: 10000, currency: 'INR' })).body
    const rev = (body: unknown) => m.http('POST', `/v1/transfers/${t.id}/reversals`, body)
    expectError(await rev({ amount: 99 }), 400, { description: 'The amount must be at least INR 1.00', field: 'amount' })
    expectError(await rev({ amount: 10001 }), 400, {
      description: 'The reversal amount is greater than the transfer amount not yet reversed.',
      field: 'amount',
      metadata: { transfer_id: t.id },
    })
    await rev({})
    expectError(await rev({ amount: 100 }), 400, { description: 'Only processed transfers can be reversed. This transfer is reversed.', field: 'id' })
    const p = await capturedPayment(m, 10000)
    const pending = (await m.http('POST', `/v1/payments/${p.id}/transfers`, { transfers: [{ account: a, amount: 1000, currency: 'INR' }] })).body.items[0]
    expectError(await m.http('POST', `/v1/transfers/${pending.id}/reversals`, {}), 400, {
      description: 'Only processed transfers can be reversed. This transfer is pending.',
      field: 'id',
    })
    expectError(await m.http('POST', '/v1/transfers/trf_00000000000000/reversals', {}), 400, { description: 'The id provided does not exist', field: 'id' })
  })

  it('need the linked account\'s floating balance once the transfer has settled', async () => {
    const { m, a } = await setup()
    await advanceToIst(m, WEEKDAYS.monday, 10)
    const t1 = (await direct(m, { account: a, amount: 10000, currency: 'INR' })).body
    await advanceToIst(m, WEEKDAYS.wednesday, 10) // T+2: settled at 09:00
    expect((await m.rzp.transfers.fetch(t1.id)) as any).toMatchObject({ settlement_status: 'settled' })
    expect(await linkedHeld(s, m, a)).toBe(0)
    expectError(await m.http('POST', `/v1/transfers/${t1.id}/reversals`, { amount: 5000 }), 400, {
      description: 'The linked account does not have sufficient balance to process reversal.',
      reason: 'insufficient_balance',
    })
    const t2 = (await direct(m, { account: a, amount: 20000, currency: 'INR' })).body
    expect((await m.http('POST', `/v1/transfers/${t1.id}/reversals`, { amount: 5000 })).status).toBe(200)
    expect(await linkedHeld(s, m, a)).toBe(15000)
    // The next settlement pays T2 less the reversal taken after T1 settled.
    await advanceToIst(m, WEEKDAYS.friday, 10)
    const settled: any = await m.rzp.transfers.fetch(t2.id)
    expect(settled.settlement_status).toBe('settled')
    const setl = (await asAccount(m, a)('GET', `/v1/settlements/${settled.recipient_settlement_id}`)).body
    expect(setl.amount).toBe(15000)
    expect(await linkedHeld(s, m, a)).toBe(0)
    expect(await linkedBank(s, m, a)).toBe(10000 + 15000)
  })
})

describe('refunds with reverse_all', () => {
  it('a full refund reverses every transfer of the payment first', async () => {
    const { m, a, b } = await setup(0)
    const p = await capturedPayment(m, 10000)
    const [ta, tb] = await processedPaymentTransfers(m, p.id, [{ account: a, amount: 3000 }, { account: b, amount: 5000 }])
    const refund: any = await m.rzp.payments.refund(p.id, { amount: 10000, reverse_all: 1 } as any)
    expect(refund).toMatchObject({ entity: 'refund', amount: 10000, status: 'processed' })
    for (const [t, amount] of [[ta, 3000], [tb, 5000]] as const) {
      expect((await m.rzp.transfers.fetch(t.id)) as any).toMatchObject({ status: 'reversed', amount_reversed: amount })
      const [r] = (await m.http('GET', `/v1/transfers/${t.id}/reversals`)).body.items
      expect(r).toMatchObject({ amount, customer_refund_id: refund.id })
    }
    expect(await linkedHeld(s, m, a)).toBe(0)
    expect(await linkedHeld(s, m, b)).toBe(0)
    // Out: the transfers and their fees, the refund; back: the reversals. Refunds do not check the
    // balance (docs/settlements.md), so it may go below zero; the fees stay charged.
    expect(await paymentsBalance(s, m)).toBe(9800 - (3000 + fee(3000).fees) - (5000 + fee(5000).fees) + 8000 - 10000)
  })

  it('a partial refund reverses by the refund amount when one linked account got the money', async () => {
    const { m, a, b } = await setup(0)
    const p = await capturedPayment(m, 10000)
    const [t] = await processedPaymentTransfers(m, p.id, [{ account: a, amount: 5000 }])
    await m.rzp.payments.refund(p.id, { amount: 2000, reverse_all: true } as any)
    expect((await m.rzp.transfers.fetch(t.id)) as any).toMatchObject({ status: 'partially_reversed', amount_reversed: 2000 })

    // Two linked accounts: Razorpay cannot tell which to reverse, so the refund is refused whole.
    const q = await capturedPayment(m, 10000)
    await processedPaymentTransfers(m, q.id, [{ account: a, amount: 1000 }, { account: b, amount: 1000 }])
    expectError(await m.http('POST', `/v1/payments/${q.id}/refund`, { amount: 2000, reverse_all: 1 }), 400, {
      description:
        'reverse_all cannot be used for a partial refund of a payment transferred to more than one linked account; reverse the transfers with POST /v1/transfers/:id/reversals instead.',
      field: 'reverse_all',
    })
    expect(((await m.rzp.payments.fetch(q.id)) as any).amount_refunded).toBe(0)
    // Without reverse_all the merchant refunds from its own balance.
    expect((await m.http('POST', `/v1/payments/${q.id}/refund`, { amount: 2000 })).status).toBe(200)
    expect(await linkedHeld(s, m, b)).toBe(1000)
  })

  it('fails whole when a linked account cannot pay back', async () => {
    const { m, a } = await setup(0)
    await advanceToIst(m, WEEKDAYS.monday, 10)
    const p = await capturedPayment(m, 10000)
    const [t] = await processedPaymentTransfers(m, p.id, [{ account: a, amount: 5000 }])
    await advanceToIst(m, WEEKDAYS.wednesday, 10) // the transfer has settled to the linked account
    const r = await m.http('POST', `/v1/payments/${p.id}/refund`, { reverse_all: 1 })
    expectError(r, 400, { description: 'The linked account does not have sufficient balance to process reversal.', reason: 'insufficient_balance' })
    expect(((await m.rzp.payments.fetch(p.id)) as any).amount_refunded).toBe(0)
    expect((await m.rzp.transfers.fetch(t.id)) as any).toMatchObject({ status: 'processed', amount_reversed: 0 })
  })
})

describe('settlement holds and linked-account settlements', () => {
  it('settle on the parent\'s T+2 schedule; holds defer them; releases follow the documented rules', async () => {
    const { m, a } = await setup()
    const monday = await advanceToIst(m, WEEKDAYS.monday, 10)
    const wed0900 = nextIst(monday, WEEKDAYS.wednesday, 9)
    const wed1900 = nextIst(monday, WEEKDAYS.wednesday, 19)
    const t1 = (await direct(m, { account: a, amount: 1000, currency: 'INR' })).body
    const held = (await direct(m, { account: a, amount: 2000, currency: 'INR', on_hold: true })).body
    const until = (await direct(m, { account: a, amount: 3000, currency: 'INR', on_hold: 1, on_hold_until: wed1900 })).body
    const early = (await direct(m, { account: a, amount: 4000, currency: 'INR', on_hold: true })).body
    expect([t1, held, until, early].map((t) => t.settlement_status)).toEqual(['pending', 'on_hold', 'on_hold', 'on_hold'])

    // Released before its cycle: waits for the cycle (Wednesday 09:00) with t1.
    await advanceToIst(m, WEEKDAYS.tuesday, 10)
    const released: any = await m.rzp.transfers.edit(early.id, { on_hold: false } as any)
    expect(released).toMatchObject({ on_hold: false, settlement_status: 'pending' })

    await advanceTo(m, wed0900 + 60)
    const [s1] = (await asAccount(m, a)('GET', '/v1/settlements')).body.items
    expect(s1).toMatchObject({ amount: 5000, created_at: wed0900, status: 'processed' })
    const inS1: any = await m.rzp.transfers.all({ recipient_settlement_id: s1.id } as any)
    expect(inS1.items.map((t: any) => t.id).sort()).toEqual([t1.id, early.id].sort())

    // on_hold_until: the hold ends then; the money settles on the next working day (Thursday).
    expect(((await m.rzp.transfers.fetch(until.id)) as any).on_hold).toBe(true)
    await advanceTo(m, wed1900 + 60)
    expect((await m.rzp.transfers.fetch(until.id)) as any).toMatchObject({ on_hold: false, settlement_status: 'pending' })
    await advanceToIst(m, WEEKDAYS.thursday, 10)
    const untilSettled: any = await m.rzp.transfers.fetch(until.id)
    expect(untilSettled.settlement_status).toBe('settled')
    expect(ist((await asAccount(m, a)('GET', `/v1/settlements/${untilSettled.recipient_settlement_id}`)).body.created_at)).toMatchObject({ weekday: WEEKDAYS.thursday, secondOfDay: 9 * 3600 })

    // Held indefinitely: still held a week on; released after its cycle, it settles in the next slot.
    await advanceToIst(m, WEEKDAYS.saturday, 10)
    expect((await m.rzp.transfers.fetch(held.id)) as any).toMatchObject({ on_hold: true, settlement_status: 'on_hold' })
    await m.rzp.transfers.edit(held.id, { on_hold: false } as any)
    await advanceToIst(m, WEEKDAYS.monday, 10)
    const heldSettled: any = await m.rzp.transfers.fetch(held.id)
    expect(heldSettled.settlement_status).toBe('settled')

    // A settled transfer's hold cannot change.
    expectError(await m.http('PATCH', `/v1/transfers/${t1.id}`, { on_hold: true }), 400, {
      description: 'The transfer has already been settled to the linked account; its settlement hold cannot be changed.',
      field: 'id',
    })
    expectError(await m.http('PATCH', `/v1/transfers/${held.id}`, {}), 400, { description: 'The on_hold field is required.', field: 'on_hold' })

    // expand[]=recipient_settlement (the SDK's fetchSettlements) shows each transfer's settlement.
    const expanded: any = await m.rzp.transfers.fetchSettlements()
    for (const t of expanded.items) {
      expect(t.recipient_settlement).toMatchObject({ id: t.recipient_settlement_id, entity: 'settlement' })
      expect(Object.keys(t).indexOf('recipient_settlement')).toBe(Object.keys(t).indexOf('recipient_settlement_id') + 1)
    }
    expect(await linkedHeld(s, m, a)).toBe(0)
    expect(await linkedBank(s, m, a)).toBe(10000)
    // settlement.processed for each linked-account settlement, recorded for the parent.
    const setlEvents = (await eventsOf(s, m.id)).filter((e) => e.event === 'settlement.processed')
    expect(setlEvents.map((e) => e.payload.settlement.entity.amount)).toEqual([5000, 3000, 2000])
  })

  it('the merchant\'s own settlement nets the transfers from its payments, and their reversals', async () => {
    const { m, a } = await setup(0)
    await advanceToIst(m, WEEKDAYS.monday, 10)
    const p = await capturedPayment(m, 10000)
    const [t] = await processedPaymentTransfers(m, p.id, [{ account: a, amount: 3000 }])
    await advanceToIst(m, WEEKDAYS.tuesday, 10)
    await m.http('POST', `/v1/transfers/${t.id}/reversals`, { amount: 1000 })
    await advanceToIst(m, WEEKDAYS.wednesday, 10)
    const [mine] = ((await m.rzp.settlements.all()) as any).items
    expect(mine.amount).toBe(9800 - 3000 - fee(3000).fees + 1000)
    expect(await paymentsBalance(s, m)).toBe(0)
    // The linked account's settlement: the transfer less what was reversed before it settled.
    const [theirs] = (await asAccount(m, a)('GET', '/v1/settlements')).body.items
    expect(theirs.amount).toBe(2000)
    const now = ist(mine.created_at).date
    const recon: any = await m.rzp.settlements.reports({ year: now.year, month: now.month, day: now.day } as any)
    expect(recon.items.map((i: any) => [i.type, i.credit, i.debit]).sort()).toEqual(
      [
        ['payment', 9800, 0],
        ['reversal', 1000, 0],
        ['transfer', 0, 3000 + fee(3000).fees],
      ].sort(),
    )
  })
})
