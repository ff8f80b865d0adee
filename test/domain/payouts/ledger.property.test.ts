/**
 * Property: any sequence of payouts (succeeding, failing, reversing; queued or not), cancels,
 * clock advances and top-ups keeps the ledger summing to zero, never makes the business account
 * negative, keeps its cached balance equal to its ledger balance, and leaves exactly
 *   balance = opening + top-ups − Σ(amount + fees) of payouts in processing or processed.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../support/harness.js'
import { advance, balanceOf, beneficiary, businessAccount, createPayout, expectLedgerConsistent, payoutBody, topUp } from '../../support/razorpayx.js'

let s: TestServer
// Real time stands still: only POST /_sandbox/clock moves the merchants' clocks, so timing
// assertions (59 s → still processing, 60 s → processed) hold however slow the machine is.
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ realNow: () => FROZEN })
})
afterAll(() => s.close())

const OPENING = 1_00_00_000_00
const START = 50_000 // ₹500 left after the first payout, so queues and refusals happen

type Op =
  | { kind: 'payout'; amount: number; target: 0 | 1 | 2; mode: 'IMPS' | 'NEFT'; queue: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'advance'; seconds: number }
  | { kind: 'topup'; amount: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('payout' as const), amount: fc.integer({ min: 100, max: 40_000 }), target: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>, mode: fc.constantFrom('IMPS' as const, 'NEFT' as const), queue: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.constantFrom(30, 60, 600, 1800) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('topup' as const), amount: fc.integer({ min: 1, max: 60_000 }) }) },
)

describe('payout money rules', () => {
  it('never unbalance the ledger or overdraw the business account', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        const m = await s.newMerchant()
        const acct = (await businessAccount(m)).account_number
        const targets = [await beneficiary(m, 'bank'), await beneficiary(m, 'bank', '1111111111'), await beneficiary(m, 'bank', '2222222222')]
        const first = await createPayout(m, payoutBody(acct, targets[0].fundAccountId, { mode: 'NEFT', amount: OPENING - START - 590 }), `drain-${++run}`)
        expect(first.status, first.text).toBe(200)
        let toppedUp = 0
        const payouts: string[] = []
        for (const [i, o] of ops.entries()) {
          if (o.kind === 'payout') {
            const r = await createPayout(m, payoutBody(acct, targets[o.target].fundAccountId, { amount: o.amount, mode: o.mode, queue_if_low_balance: o.queue }), `k-${run}-${i}`)
            expect([200, 400], r.text).toContain(r.status)
            if (r.status === 200) payouts.push(r.body.id)
            else expect(r.body.error.reason).toBe('insufficient_funds')
          } else if (o.kind === 'cancel' && payouts.length > 0) {
            const id = payouts[o.pick % payouts.length]
            const before = (await m.http('GET', `/v1/payouts/${id}`)).body.status
            const r = await m.http('POST', `/v1/payouts/${id}/cancel`)
            expect(r.status).toBe(before === 'queued' ? 200 : 400)
          } else if (o.kind === 'advance') {
            await advance(m, o.seconds)
          } else if (o.kind === 'topup') {
            expect((await topUp(m, acct, o.amount)).status).toBe(200)
            toppedUp += o.amount
          }
          await expectLedgerConsistent(s, m.id)
          const held = await s.store.db
            .selectFrom('payouts')
            .select((eb) => [eb.fn.sum<number>('amount').as('amount'), eb.fn.sum<number>('fees').as('fees')])
            .where('merchant_id', '=', m.id)
            .where('status', 'in', ['processing', 'processed'])
            .executeTakeFirst()
          const balance = await balanceOf(m)
          expect(balance).toBeGreaterThanOrEqual(0)
          expect(balance).toBe(OPENING + toppedUp - Number(held?.amount ?? 0) - Number(held?.fees ?? 0))
        }
        // Every processing payout gets its bank answer. (A reversal's credit can start a queued
        // payout, whose answer comes later still: keep advancing while any is processing.)
        const processing = () => s.store.db.selectFrom('payouts').select('id').where('merchant_id', '=', m.id).where('status', '=', 'processing').execute()
        for (let i = 0; i < 20 && (await processing()).length > 0; i++) await advance(m, 3600)
        expect(await processing()).toEqual([])
        await expectLedgerConsistent(s, m.id)
        // Queued payouts hold no fees.
        const queued = await s.store.db.selectFrom('payouts').select(['fees', 'tax']).where('merchant_id', '=', m.id).where('status', '=', 'queued').execute()
        for (const q of queued) expect(q).toEqual({ fees: 0, tax: 0 })
      }),
      { numRuns: 25 },
    )
  }, 90_000)
})
