/**
 * On-demand (instant) settlements: POST/GET /v1/settlements/ondemand[/:id] through the SDK, fees
 * (0.25% + 18% GST, per IMPS payout of at most ₹5 lakh), initiated → processed a minute later,
 * expand[]=ondemand_payouts, validation, and the ledger.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { advance } from '../../support/ist-clock.js'
import { expectError, NA } from '../../support/envelope.js'
import { assertLedgerBalanced, balances } from '../../support/ledger.js'
import { upiPayment } from '../../support/payments.js'
import { ondemandFee, splitPayouts } from '../../../src/domain/settlements/ondemand.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterEach(() => assertLedgerBalanced(s))
afterAll(() => s.close())

/** A merchant whose balance holds one captured UPI payment of `amount` (fee 2% + GST). */
async function merchantWithBalance(amount: number): Promise<{ m: TestMerchant; balance: number }> {
  const m = await s.newMerchant()
  const p = await upiPayment(m, 'success@razorpay', { amount })
  const captured: any = await m.rzp.payments.capture(p.id, amount, 'INR')
  return { m, balance: amount - captured.fee }
}

describe('fees', () => {
  it('match the documented samples and split at ₹5 lakh', () => {
    expect(ondemandFee(200000)).toEqual({ fees: 590, tax: 90 })
    expect(splitPayouts(55_000_000)).toEqual([50_000_000, 5_000_000])
    expect(splitPayouts(50_000_000)).toEqual([50_000_000])
  })
})

describe('POST /v1/settlements/ondemand', () => {
  it('settles the amount at once from the balance, then processes its payout', async () => {
    const { m, balance } = await merchantWithBalance(300000)
    const created: any = await m.rzp.settlements.createOndemandSettlement({
      amount: 200000,
      settle_full_balance: false,
      description: 'Need this for vendor payments',
      notes: { notes_key_1: 'Tea, Earl Grey, Hot' },
    })
    expect(created).toEqual({
      id: expect.stringMatching(/^setlod_[0-9A-Za-z]{14}$/),
      entity: 'settlement.ondemand',
      amount_requested: 200000,
      amount_settled: 0,
      amount_pending: 199410,
      amount_reversed: 0,
      fees: 590,
      tax: 90,
      currency: 'INR',
      settle_full_balance: false,
      status: 'initiated',
      description: 'Need this for vendor payments',
      notes: { notes_key_1: 'Tea, Earl Grey, Hot' },
      created_at: expect.any(Number),
      ondemand_payouts: {
        entity: 'collection',
        count: 1,
        items: [
          {
            id: expect.stringMatching(/^setlodp_[0-9A-Za-z]{14}$/),
            entity: 'settlement.ondemand_payout',
            initiated_at: null,
            processed_at: null,
            reversed_at: null,
            amount: 200000,
            amount_settled: null,
            fees: 590,
            tax: 90,
            utr: null,
            status: 'created',
            created_at: created.created_at,
          },
        ],
      },
    })
    expect(await balances(s, m.id)).toMatchObject({ merchantBalance: balance - 200000, merchantBank: 199410, fees: 300000 - balance + 590 })

    await advance(m, 61)
    const fetched: any = await m.rzp.settlements.fetchOndemandSettlementById(created.id, { 'expand[]': 'ondemand_payouts' })
    expect(fetched).toMatchObject({ status: 'processed', amount_settled: 199410, amount_pending: 0, fees: 590 })
    expect(fetched.ondemand_payouts.items[0]).toMatchObject({
      status: 'processed',
      amount_settled: 199410,
      utr: expect.stringMatching(/^[A-Z0-9]{16}$/),
      initiated_at: expect.any(Number),
      processed_at: expect.any(Number),
    })
    const processedAt = fetched.ondemand_payouts.items[0].processed_at
    expect(processedAt - created.created_at).toBeGreaterThanOrEqual(60)
    expect(processedAt - created.created_at).toBeLessThanOrEqual(62)
    const plain: any = await m.rzp.settlements.fetchOndemandSettlementById(created.id)
    expect(plain.ondemand_payouts).toBeUndefined()
    expect(plain).toEqual({ ...fetched, ondemand_payouts: undefined })

    const all: any = await m.rzp.settlements.fetchAllOndemandSettlement({})
    expect(all).toMatchObject({ entity: 'collection', count: 1 })
    expect(all.items[0].ondemand_payouts).toBeUndefined()
    // the SDK sends expand[]=ondemand_payouts and expand[expand]=ondemand_payouts
    const expanded: any = await m.rzp.settlements.fetchAllOndemandSettlement({ 'expand[]': 'ondemand_payouts' } as any)
    expect(expanded.items[0].ondemand_payouts).toEqual(fetched.ondemand_payouts)
    // the ledger did not move again when the payout was processed
    expect((await balances(s, m.id)).merchantBank).toBe(199410)
  })

  it('settle_full_balance settles everything there is, whatever amount says', async () => {
    const { m, balance } = await merchantWithBalance(100000)
    const r = await m.http('POST', '/v1/settlements/ondemand', { amount: 100, settle_full_balance: true })
    expect(r.status, r.text).toBe(200)
    const fee = ondemandFee(balance)
    expect(r.body).toMatchObject({ amount_requested: balance, settle_full_balance: true, fees: fee.fees, tax: fee.tax, amount_pending: balance - fee.fees })
    expect(await balances(s, m.id)).toMatchObject({ merchantBalance: 0, merchantBank: balance - fee.fees })
    // nothing left to settle
    const again = await m.http('POST', '/v1/settlements/ondemand', { settle_full_balance: true })
    expectError(again, 400, { description: 'The amount requested is more than the balance available for instant settlement.', ...NA })
  })

  it('pays out more than ₹5 lakh in several IMPS payouts, each with its fee', async () => {
    const { m } = await merchantWithBalance(60_000_000)
    const r: any = await m.rzp.settlements.createOndemandSettlement({ amount: 55_000_000 })
    expect(r.ondemand_payouts.items.map((p: any) => [p.amount, p.fees, p.tax])).toEqual([
      [50_000_000, 147500, 22500],
      [5_000_000, 14750, 2250],
    ])
    expect(r).toMatchObject({ fees: 162250, tax: 24750, amount_pending: 55_000_000 - 162250 })
    // form bodies work too
    const form = await m.http('POST', '/v1/settlements/ondemand', 'amount=100000&description=by%20form', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(form.status, form.text).toBe(200)
    expect(form.body).toMatchObject({ amount_requested: 100000, description: 'by form', settle_full_balance: false })
  })

  it('refuses bad requests and creates nothing', async () => {
    const { m, balance } = await merchantWithBalance(100000)
    const post = (body: unknown) => m.http('POST', '/v1/settlements/ondemand', body)
    expectError(await post({}), 400, { description: 'The amount field is required.', field: 'amount' })
    expectError(await post({ amount: 99 }), 400, { description: 'Minimum amount that can be settled is ₹ 1.', ...NA })
    expectError(await post({ amount: 12.5 }), 400, { description: 'The amount must be an integer.', field: 'amount' })
    expectError(await post({ amount: balance + 1 }), 400, {
      description: 'The amount requested is more than the balance available for instant settlement.',
      ...NA,
    })
    expectError(await post({ amount: 5_00_00_000_01 }), 400, { description: 'Maximum amount that can be settled instantly is ₹ 5,00,00,000.', ...NA })
    expectError(await post({ amount: 1000, description: 'vendor payments!' }), 400, { description: 'The description format is invalid.', field: 'description' })
    expectError(await post({ amount: 1000, description: 'x'.repeat(31) }), 400, {
      description: 'The description may not be greater than 30 characters.',
      field: 'description',
    })
    expectError(await post({ amount: 1000, settle_full_balance: 'maybe' }), 400, {
      description: 'The settle full balance field must be true or false.',
      field: 'settle_full_balance',
    })
    expectError(await post({ amount: 1000, speed: 'fast' }), 400, {
      description: 'speed is/are not required and should not be sent',
      field: 'speed',
      reason: 'extra_field_sent',
    })
    expect((await m.rzp.settlements.fetchAllOndemandSettlement({})).count).toBe(0)
    expect((await balances(s, m.id)).merchantBalance).toBe(balance)
  })
})

describe('GET /v1/settlements/ondemand/:id', () => {
  it('answers unknown, malformed and other merchants\' ids as Razorpay does', async () => {
    const { m } = await merchantWithBalance(100000)
    const r: any = await m.rzp.settlements.createOndemandSettlement({ amount: 1000 })
    const other = await s.newMerchant()
    expectError(await other.http('GET', `/v1/settlements/ondemand/${r.id}`), 400, { description: 'The id provided does not exist', field: 'id' })
    expectError(await m.http('GET', '/v1/settlements/ondemand/setlod_00000000000000'), 400, { description: 'The id provided does not exist', field: 'id' })
    expectError(await m.http('GET', '/v1/settlements/ondemand/setl_00000000000000'), 400, { description: 'setl_00000000000000 is not a valid id', field: 'id' })
    expectError(await m.http('GET', `/v1/settlements/ondemand/${r.id}?expand[]=payouts`), 400, { description: 'payouts is not a valid expand value', field: 'expand' })
    const err = await sdkError(m.rzp.settlements.fetchAllOndemandSettlement({ count: 0 } as any))
    expect(err.error.description).toBe('The count must be at least 1.')
  })
})
