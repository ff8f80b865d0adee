/**
 * Property: whatever sequence of payments, transfers (direct, from payments), reversals, refunds
 * (with and without reverse_all), holds, top-ups and clock moves a merchant makes, money is
 * conserved — the ledger sums to zero, every linked account's balance is what it received less what
 * was reversed and settled and never negative, no transfer is reversed beyond its amount, and no
 * payment is transferred beyond its captured amount. Every refusal is a well-formed 4xx.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectSomeEnvelope } from '../../support/envelope.js'
import { startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { capturedPayment } from '../../support/factories.js'
import { assertLedgerBalanced } from '../../support/ledger.js'
import { advance, fund, linkedAccount } from './support.js'

let s: TestServer
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ realNow: () => FROZEN })
})
afterAll(() => s.close())

type Op =
  | { kind: 'capture'; amount: number }
  | { kind: 'fund'; amount: number }
  | { kind: 'direct'; account: number; amount: number; hold: boolean }
  | { kind: 'fromPayment'; payment: number; account: number; amount: number }
  | { kind: 'reverse'; transfer: number; part: number }
  | { kind: 'refund'; payment: number; part: number; reverseAll: boolean }
  | { kind: 'release'; transfer: number }
  | { kind: 'advance'; seconds: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('capture' as const), amount: fc.integer({ min: 1000, max: 50000 }) }),
  fc.record({ kind: fc.constant('fund' as const), amount: fc.integer({ min: 100, max: 20000 }) }),
  fc.record({ kind: fc.constant('direct' as const), account: fc.nat(2), amount: fc.integer({ min: 100, max: 15000 }), hold: fc.boolean() }),
  fc.record({ kind: fc.constant('fromPayment' as const), payment: fc.nat(5), account: fc.nat(2), amount: fc.integer({ min: 100, max: 30000 }) }),
  fc.record({ kind: fc.constant('reverse' as const), transfer: fc.nat(10), part: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('refund' as const), payment: fc.nat(5), part: fc.double({ min: 0, max: 1, noNaN: true }), reverseAll: fc.boolean() }),
  fc.record({ kind: fc.constant('release' as const), transfer: fc.nat(10) }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.constantFrom(1, 3600, 86400, 3 * 86400) }),
)

async function run(m: TestMerchant, accounts: string[], ops: Op[]): Promise<void> {
  const payments: { id: string; amount: number }[] = []
  const transfers: string[] = []
  const ok = (r: { status: number; text: string }) => {
    if (r.status !== 200) expectSomeEnvelope(r as never)
    expect(r.status, r.text).toBeLessThan(500)
    return r.status === 200
  }
  for (const o of ops) {
    switch (o.kind) {
      case 'capture':
        payments.push({ ...(await capturedPayment(m, o.amount)), amount: o.amount })
        break
      case 'fund':
        await fund(m, o.amount)
        break
      case 'direct': {
        const r = await m.http('POST', '/v1/transfers', { account: accounts[o.account], amount: o.amount, currency: 'INR', on_hold: o.hold })
        if (ok(r)) transfers.push(r.body.id)
        break
      }
      case 'fromPayment': {
        const p = payments[o.payment % Math.max(payments.length, 1)]
        if (!p) break
        const r = await m.http('POST', `/v1/payments/${p.id}/transfers`, { transfers: [{ account: accounts[o.account], amount: o.amount, currency: 'INR' }] })
        if (ok(r)) transfers.push(r.body.items[0].id)
        break
      }
      case 'reverse': {
        const id = transfers[o.transfer % Math.max(transfers.length, 1)]
        if (!id) break
        const t = (await m.http('GET', `/v1/transfers/${id}`)).body
        const amount = Math.max(100, Math.floor((t.amount - t.amount_reversed) * o.part))
        ok(await m.http('POST', `/v1/transfers/${id}/reversals`, { amount }))
        break
      }
      case 'refund': {
        const p = payments[o.payment % Math.max(payments.length, 1)]
        if (!p) break
        const amount = Math.max(100, Math.floor(p.amount * o.part))
        ok(await m.http('POST', `/v1/payments/${p.id}/refund`, { amount, ...(o.reverseAll ? { reverse_all: 1 } : {}) }))
        break
      }
      case 'release': {
        const id = transfers[o.transfer % Math.max(transfers.length, 1)]
        if (id) ok(await m.http('PATCH', `/v1/transfers/${id}`, { on_hold: false }))
        break
      }
      case 'advance':
        await advance(m, o.seconds)
        break
    }
  }
}

async function sum(table: 'transfer_reversals' | 'settlements', column: 'amount', where: [string, string][]): Promise<number> {
  let q = s.store.db.selectFrom(table as 'settlements').select((eb) => eb.fn.sum<number>(column).as('n'))
  for (const [k, v] of where) q = q.where(k as 'id', '=', v)
  return Number((await q.executeTakeFirst())?.n ?? 0)
}

async function checkInvariants(m: TestMerchant, accounts: string[]): Promise<void> {
  await assertLedgerBalanced(s)
  const db = s.store.db
  const transfers = await db.selectFrom('transfers').selectAll().where('merchant_id', '=', m.id).execute()
  for (const acc of accounts) {
    const held = Number(
      (await db.selectFrom('ledger_entries').select((eb) => eb.fn.sum<number>('amount').as('n')).where('merchant_id', '=', m.id).where('account', '=', `linked:${acc}`).executeTakeFirst())?.n ?? 0,
    )
    expect(held).toBeGreaterThanOrEqual(0)
    const credited = transfers.filter((t) => t.recipient === acc && ['processed', 'partially_reversed', 'reversed'].includes(t.status)).reduce((x, t) => x + t.amount, 0)
    const reversed = await sum('transfer_reversals', 'amount', [['merchant_id', m.id], ['recipient', acc]])
    const settled = await sum('settlements', 'amount', [['merchant_id', acc]])
    expect(held).toBe(credited - reversed - settled)
  }
  for (const t of transfers) {
    expect(t.amount_reversed).toBeLessThanOrEqual(t.amount)
    expect(await sum('transfer_reversals', 'amount', [['transfer_id', t.id]])).toBe(t.amount_reversed)
  }
  const byPayment = new Map<string, number>()
  for (const t of transfers) if (t.payment_id && t.status !== 'failed') byPayment.set(t.payment_id, (byPayment.get(t.payment_id) ?? 0) + t.amount)
  for (const [id, total] of byPayment) {
    const p = await db.selectFrom('payments').select('amount').where('id', '=', id).executeTakeFirstOrThrow()
    expect(total).toBeLessThanOrEqual(p.amount)
  }
}

describe('Route money is conserved', () => {
  it('across payments, transfers, reversals, refunds, holds and settlements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 16 }), async (ops) => {
        const m = await s.newMerchant()
        const accounts = [await linkedAccount(m), await linkedAccount(m), await linkedAccount(m)]
        await run(m, accounts, [{ kind: 'capture', amount: 20000 }, ...ops, { kind: 'advance', seconds: 7 * 86400 }])
        await checkInvariants(m, accounts)
      }),
      { numRuns: 15 },
    )
  }, 60_000)
})
