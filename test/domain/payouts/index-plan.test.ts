/**
 * Migration 0012's partial indexes still serve their queries on SQLite: the FIFO queue walks
 * payouts_queue (queued payouts only) in order, a lookup by reference_id uses payouts_reference
 * (payouts that have one), and balance() uses ledger_account (accounts not named razorpay…). A
 * payout made with enough balance and no reference_id writes none of them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../../src/store/sqlite/open.js'
import type { Store } from '../../../src/store/store.js'
import { dueQuery, payoutStore, queuedQuery } from '../../../src/domain/payouts/store.js'

let dir: string
let store: Store
let raw: BetterSqlite3.Database
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tijori-payout-plan-'))
  store = openSqlite({ file: join(dir, 't.db'), checkpoints: 'sqlite' })
  raw = new BetterSqlite3(join(dir, 't.db'))
})
afterAll(async () => {
  raw.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const plan = (q: { sql: string; parameters: readonly unknown[] }) =>
  (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n')

describe('payout indexes (SQLite, migration 0012)', () => {
  it('the queue walks the partial queued-payouts index in FIFO order, no temporary sort', () => {
    const p = plan(queuedQuery(store.db, 'bacc_00000000000001').compile())
    expect(p).toContain('USING INDEX payouts_queue')
    expect(p).not.toContain('TEMP B-TREE')
  })

  it('the settle job finds due payouts through the partial processing-payouts index, soonest first', () => {
    const p = plan(dueQuery(store.db, 'acc_00000000000001', 1_700_000_000, 101).compile())
    expect(p).toContain('USING INDEX payouts_settle')
    expect(p).not.toContain('TEMP B-TREE')
  })

  it('a lookup by reference_id can use the partial reference index', () => {
    const q = store.db.selectFrom('payouts').select('id').where('merchant_id', '=', 'acc_00000000000001').where('reference_id', '=', 'ref-1').compile()
    expect(plan(q)).toMatch(/USING (COVERING )?INDEX payouts_reference/)
  })

  it('indexes hold only the payouts they serve; ledger entries have no txn_id index', async () => {
    const row = (id: string, status: string, reference_id: string | null) => ({
      id, merchant_id: 'acc_00000000000001', business_account_id: 'bacc_00000000000001', account_number: '7878780000000001',
      fund_account_id: 'fa_00000000000001', contact_id: null, amount: 100, currency: 'INR', fees: 0, tax: 0, status, utr: null,
      mode: 'IMPS', purpose: 'payout', reference_id, narration: null, batch_id: null, notes: '{}', fee_type: '',
      status_reason: null, status_source: null, status_description: null, failure_reason: null, queue_if_low_balance: 1,
      scenario: 'success', created_at: 1, processed_at: null, updated_at: 1, settle_at: status === 'processing' ? 61 : null,
    })
    await store.write(async (tx) => {
      await payoutStore.insert(tx, row('pout_00000000000001', 'processing', null) as never)
      await payoutStore.insert(tx, row('pout_00000000000002', 'queued', 'ref-2') as never)
    })
    const count = (index: string) => (raw.prepare(`SELECT count(*) AS n FROM payouts INDEXED BY ${index} WHERE ${index === 'payouts_queue' ? "status = 'queued'" : 'reference_id IS NOT NULL'}`).get() as { n: number }).n
    expect(count('payouts_queue')).toBe(1)
    expect((raw.prepare("SELECT count(*) AS n FROM payouts INDEXED BY payouts_settle WHERE status = 'processing'").get() as { n: number }).n).toBe(1)
    expect(count('payouts_reference')).toBe(1)
    expect(raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ledger_entries'").all()).toEqual([{ name: 'ledger_account' }])
    // A payout's ledger entries (its business account, beneficiaries, Razorpay's fees) are not indexed.
    await store.write(async (tx) => {
      for (const account of ['razorpayx:7878780000000001', 'razorpayx_beneficiaries', 'razorpay_fees', 'merchant_balance'])
        await tx.insertInto('ledger_entries').values({ merchant_id: 'acc_00000000000001', txn_id: 'ltx_1', account, amount: 0, currency: 'INR', ref_type: 't', ref_id: 'r', created_at: 1 } as never).execute()
    })
    expect(raw.prepare("SELECT account FROM ledger_entries INDEXED BY ledger_account WHERE merchant_id = 'acc_00000000000001' AND substr(account, 1, 8) <> 'razorpay'").all()).toEqual([{ account: 'merchant_balance' }])
    expect(await queuedQuery(store.db, 'bacc_00000000000001').execute()).toMatchObject([{ id: 'pout_00000000000002' }])
  })
})

describe('ledger_account (SQLite, migration 0012)', () => {
  it('balance() of a summed account uses the partial index; accounts named razorpay… are refused', async () => {
    const { balance, ACCOUNTS } = await import('../../../src/ledger/ledger.js')
    const q = store.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('merchant_id', '=', 'acc_00000000000001')
      .where('account', '=', ACCOUNTS.merchantBalance)
      .where(sql<boolean>`substr(account, 1, 8) <> 'razorpay'`)
      .compile()
    expect(plan(q)).toContain('USING INDEX ledger_account')
    await expect(balance(store.db, 'acc_00000000000001', ACCOUNTS.fees)).rejects.toThrow(/not summed/)
  })
})
