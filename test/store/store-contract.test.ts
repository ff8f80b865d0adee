/**
 * The store contract (src/store/store.ts), one suite for both adapters: it runs in the `sqlite`
 * project on a temp file and in the `postgres` project on a fresh schema (test/support/test-db.ts).
 * What domain code relies on: a write is atomic and alone (its failure touches nothing else), a
 * read-check-write never loses an update under concurrency, keys are unique, lock clauses compile
 * everywhere, numbers come back as numbers, ids sort bytewise, and migrations run once.
 */
import { readdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { insertRow, insertRows } from '../../src/store/compiled-insert.js'
import { afterCommit } from '../../src/store/after-commit.js'
import { preparedQuery, preparedWrite } from '../../src/store/prepared-query.js'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import { freshTestDb, testDialect, type TestDb } from '../support/test-db.js'

let testDb: TestDb
let store: Store

beforeEach(async () => {
  testDb = await freshTestDb()
  store = await openStore(testDb.location)
})

afterEach(async () => {
  await store.close()
  await testDb.drop()
})

const clockRow = (merchant: string) => store.db.selectFrom('merchant_clocks').selectAll().where('merchant_id', '=', merchant).executeTakeFirst()

async function increment(merchant: string, opts?: { serializeOn?: string }): Promise<void> {
  await store.write(async (tx) => {
    const row = await tx.selectFrom('merchant_clocks').select('offset_seconds').where('merchant_id', '=', merchant).executeTakeFirst()
    // Yield between the read and the write, so concurrent operations really interleave.
    await new Promise((r) => setImmediate(r))
    if (row) await tx.updateTable('merchant_clocks').set({ offset_seconds: row.offset_seconds + 1 }).where('merchant_id', '=', merchant).execute()
    else await tx.insertInto('merchant_clocks').values({ merchant_id: merchant, offset_seconds: 1 }).execute()
  }, opts)
}

describe(`store contract (${testDialect()})`, () => {
  it('reports its dialect', () => {
    expect(store.dialect).toBe(testDialect())
  })

  it('a write commits all of its rows; a failing write commits none and fails alone', async () => {
    const results = await Promise.allSettled([
      store.write(async (tx) => {
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_ok1', offset_seconds: 1 }).execute()
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_ok2', offset_seconds: 2 }).execute()
        return 'done'
      }),
      store.write(async (tx) => {
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_bad', offset_seconds: 3 }).execute()
        throw new Error('validation failed after a write')
      }),
      store.write(async (tx) => {
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_ok3', offset_seconds: 4 }).execute()
      }),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[0] as PromiseFulfilledResult<string>).value).toBe('done')
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toBe('validation failed after a write')
    const ids = (await store.db.selectFrom('merchant_clocks').select('merchant_id').orderBy('merchant_id').execute()).map((r) => r.merchant_id)
    expect(ids).toEqual(['acc_ok1', 'acc_ok2', 'acc_ok3'])
  })

  it('concurrent read-check-writes of one row lose no update', async () => {
    await Promise.all(Array.from({ length: 25 }, () => increment('acc_counter')))
    expect((await clockRow('acc_counter'))?.offset_seconds).toBe(25)
  })

  it('writes that name the same serializeOn key run one at a time and lose no update', async () => {
    await Promise.all(Array.from({ length: 25 }, () => increment('acc_serial', { serializeOn: 'money:acc_serial' })))
    expect((await clockRow('acc_serial'))?.offset_seconds).toBe(25)
  })

  it('spends a balance at most once: concurrent read-balance-then-spend operations under lockMoney never overdraw', async () => {
    const { balance, lockMoney, post } = await import('../../src/ledger/ledger.js')
    const m = { merchantId: 'acc_money', currency: 'INR', refType: 'test', now: 1 }
    await store.write(async (tx) => {
      await tx.insertInto('merchants').values({ id: 'acc_money', name: 'M', email: null, created_at: 1 }).execute()
      await post(tx, { ...m, refId: 'fund' }, [
        { account: 'wallet', amount: 100 },
        { account: 'outside', amount: -100 },
      ])
    })
    const spend = (i: number) =>
      store.write(async (tx) => {
        await lockMoney(tx, 'acc_money')
        const available = await balance(tx, 'acc_money', 'wallet')
        await new Promise((r) => setImmediate(r)) // let the others read the same balance, if they can
        if (available < 30) return false
        await post(tx, { ...m, refId: `spend${i}` }, [
          { account: 'wallet', amount: -30 },
          { account: 'outside', amount: 30 },
        ])
        return true
      })
    const done = await Promise.all(Array.from({ length: 10 }, (_, i) => spend(i)))
    expect(done.filter(Boolean)).toHaveLength(3)
    expect(await balance(store.db, 'acc_money', 'wallet')).toBe(10)
  })

  it('a unique key is claimed once: of concurrent inserts of one key exactly one commits', async () => {
    const claim = (i: number) =>
      store.write(async (tx) => {
        const existing = await tx.selectFrom('idempotency_keys').select('resource_id').where('merchant_id', '=', 'acc_u').where('scope', '=', 'payouts').where('key', '=', 'k1').executeTakeFirst()
        if (existing) return `replay:${existing.resource_id}`
        await new Promise((r) => setImmediate(r))
        await tx
          .insertInto('idempotency_keys')
          .values({ merchant_id: 'acc_u', scope: 'payouts', key: 'k1', request_hash: 'h', status: 'finished', resource_id: `pout_${i}`, response_status: 200, response_body: null, created_at: 1 })
          .execute()
        return `created:pout_${i}`
      })
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(i)))
    const created = out.filter((o) => o.startsWith('created:'))
    expect(created).toHaveLength(1)
    expect(out.filter((o) => o.startsWith('replay:')).every((o) => o === `replay:${created[0].slice('created:'.length)}`)).toBe(true)
    const rows = await store.db.selectFrom('idempotency_keys').selectAll().execute()
    expect(rows).toHaveLength(1)
  })

  it('a duplicate primary key fails the write and leaves nothing of it', async () => {
    await store.write((tx) => tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_dup', offset_seconds: 1 }).execute())
    await expect(
      store.write(async (tx) => {
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_other', offset_seconds: 9 }).execute()
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_dup', offset_seconds: 2 }).execute()
      }),
    ).rejects.toThrow()
    expect(await clockRow('acc_other')).toBeUndefined()
    expect((await clockRow('acc_dup'))?.offset_seconds).toBe(1)
  })

  it('row-lock clauses (FOR UPDATE, SKIP LOCKED) work in both dialects', async () => {
    await store.write((tx) => tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_lock', offset_seconds: 5 }).execute())
    const got = await store.write((tx) =>
      tx.selectFrom('merchant_clocks').select('offset_seconds').where('merchant_id', '=', 'acc_lock').forUpdate().skipLocked().executeTakeFirst(),
    )
    expect(got).toEqual({ offset_seconds: 5 })
  })

  it('integers and sums come back as numbers, ids sort bytewise (uppercase before lowercase)', async () => {
    await store.write(async (tx) => {
      for (const [id, amount] of [['ltx_b', 2_000_000_000_000], ['ltx_B', -1], ['ltx_a', 3]] as const) {
        await tx
          .insertInto('ledger_entries')
          .values({ merchant_id: 'acc_n', txn_id: id, account: 'x', amount, currency: 'INR', ref_type: 't', ref_id: id, created_at: 1_700_000_000 })
          .execute()
      }
    })
    const rows = await store.db.selectFrom('ledger_entries').select(['txn_id', 'amount', 'created_at']).orderBy('txn_id').execute()
    expect(rows.map((r) => r.txn_id)).toEqual(['ltx_B', 'ltx_a', 'ltx_b'])
    expect(rows.map((r) => typeof r.amount)).toEqual(['number', 'number', 'number'])
    expect(rows[2].amount).toBe(2_000_000_000_000)
    const { totals } = await import('../../src/ledger/ledger.js')
    expect(await totals(store.db, 'acc_n')).toEqual({ INR: 2_000_000_000_002 })
  })

  it('close() waits for a write in flight and keeps it', async () => {
    const slow = store.write(async (tx) => {
      await new Promise((r) => setTimeout(r, 50))
      await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_slow', offset_seconds: 7 }).execute()
    })
    await new Promise((r) => setImmediate(r))
    await store.close()
    await slow
    store = await openStore(testDb.location)
    expect((await clockRow('acc_slow'))?.offset_seconds).toBe(7)
  })

  it('migrations are the same files in both dialects, applied once each', async () => {
    const names = (d: string) => readdirSync(new URL(`../../src/store/migrations/${d}/`, import.meta.url)).filter((f) => f.endsWith('.sql')).sort()
    expect(names('postgres')).toEqual(names('sqlite'))
    await store.close()
    store = await openStore(testDb.location) // a second open applies nothing again
    const applied = (await store.db.selectFrom('_migrations' as never).select('version' as never).execute()) as { version: string }[]
    expect(applied.map((r) => r.version).sort()).toEqual(names(testDialect()))
  })

  it('insertRow (precompiled inserts) stores each row as Kysely would: values in their columns, per table, and a failing write commits none of its rows', async () => {
    const row = (id: string, created: number) => ({ id, merchant_id: 'acc_x', event: 'order.paid', contains: '["order"]', payload: `{"n":${created}}`, created_at: created })
    await store.write(async (tx) => {
      await insertRow(tx, 'events', row('evt_00000000000001', 1))
      await insertRow(tx, 'events', { ...row('evt_00000000000002', 2), contains: '[]' })
    })
    // Outside a transaction it goes through Kysely's executor.
    await insertRow(store.db, 'events', row('evt_00000000000003', 3))
    // The same keys in another order, and a key whose value is undefined (left out, as Kysely does):
    // each value still lands in its own column.
    const r5 = row('evt_00000000000005', 5)
    await store.write(async (tx) => {
      await insertRow(tx, 'events', { created_at: r5.created_at, payload: r5.payload, contains: r5.contains, event: r5.event, merchant_id: r5.merchant_id, id: r5.id })
      await insertRow(tx, 'events', { ...row('evt_00000000000006', 6), seq: undefined })
      await insertRow(tx, 'events', { ...row('evt_00000000000007', 7), seq: undefined })
    })
    // Another table, another statement.
    await store.write((tx) => insertRow(tx, 'event_fanouts', { event_id: 'evt_00000000000003', merchant_id: 'acc_x' }))
    const failed = store.write(async (tx) => {
      await insertRow(tx, 'events', row('evt_00000000000004', 4))
      await insertRow(tx, 'events', row('evt_00000000000001', 9)) // duplicate id
    })
    await expect(failed).rejects.toThrow()
    const rows = await store.db.selectFrom('events').select(['id', 'merchant_id', 'event', 'contains', 'payload', 'created_at']).orderBy('id').execute()
    expect(rows).toEqual([
      row('evt_00000000000001', 1),
      { ...row('evt_00000000000002', 2), contains: '[]' },
      row('evt_00000000000003', 3),
      r5,
      row('evt_00000000000006', 6),
      row('evt_00000000000007', 7),
    ])
    expect(await store.db.selectFrom('event_fanouts').selectAll().execute()).toEqual([{ event_id: 'evt_00000000000003', merchant_id: 'acc_x' }])
  })

  it('insertRows puts a list of rows in one statement, in list order (chunked past 8), and falls back to one per row for mixed shapes', async () => {
    const row = (n: number) => ({ merchant_id: 'acc_x', txn_id: `ltx_${String(n).padStart(14, '0')}`, account: 'customers', amount: n, currency: 'INR', ref_type: 'test', ref_id: `r${n}`, created_at: n })
    // Listed out of txn_id order: the generated ids (the insertion order) must follow the list.
    const first = [row(3), row(1), row(2)]
    await store.write((tx) => insertRows(tx, 'ledger_entries', first))
    // 11 rows: a chunk of 8 and one of 3; then one row alone; then mixed shapes (the second row has
    // its keys in another order, the third leaves `id` undefined, as Kysely allows).
    const many = Array.from({ length: 11 }, (_, i) => row(10 + i))
    const r32 = row(32)
    const reordered = { created_at: r32.created_at, ref_id: r32.ref_id, ref_type: r32.ref_type, currency: r32.currency, amount: r32.amount, account: r32.account, txn_id: r32.txn_id, merchant_id: r32.merchant_id }
    await store.write(async (tx) => {
      await insertRows(tx, 'ledger_entries', many)
      await insertRows(tx, 'ledger_entries', [row(30)])
      await insertRows(tx, 'ledger_entries', [])
      await insertRows(tx, 'ledger_entries', [row(31), reordered, { ...row(33), id: undefined }])
    })
    // A failing statement after a list fails the write, and none of that write's rows stay.
    const failed = store.write(async (tx) => {
      await insertRows(tx, 'ledger_entries', [row(40), row(41)])
      await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_dup', offset_seconds: 1 }).execute()
      await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_dup', offset_seconds: 2 }).execute()
    })
    await expect(failed).rejects.toThrow()
    const stored = await store.db.selectFrom('ledger_entries').select(['merchant_id', 'txn_id', 'account', 'amount', 'currency', 'ref_type', 'ref_id', 'created_at']).orderBy('id').execute()
    expect(stored).toEqual([...first, ...many, row(30), row(31), row(32), row(33)])
  })

  it('afterCommit runs once an operation is durable, never for one that failed; only SQLite registers it', async () => {
    const ran: string[] = []
    const op = (name: string, fail: boolean) =>
      store.write(async (tx) => {
        await tx.insertInto('merchant_clocks').values({ merchant_id: `acc_${name}`, offset_seconds: 1 }).execute()
        const registered = afterCommit(tx, () => ran.push(name))
        // Not yet: the operation has not committed.
        expect(ran).not.toContain(name)
        if (fail) throw new Error('fails after writing')
        return registered
      })
    // One batch (same turn): two succeed around one that fails after a write, which makes SQLite run
    // the batch again with savepoints; each callback still runs once, and the failed one's never.
    const outcomes = await Promise.allSettled([op('c1', false), op('c2', true), op('c3', false)])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    // Outside a transaction nothing is registered.
    expect(afterCommit(store.db, () => ran.push('outside'))).toBe(false)
    if (testDialect() === 'sqlite') {
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : null))).toEqual([true, null, true])
      expect(ran.sort()).toEqual(['c1', 'c3'])
    } else {
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : null))).toEqual([false, null, false])
      expect(ran).toEqual([])
    }
  })

  it('prepared writes fill in their values, count the rows they change, and roll back with a failed write', async () => {
    const bump = preparedWrite((db, p: { merchant: string; from: number; to: number }) =>
      db.updateTable('merchant_clocks').set({ offset_seconds: p.to }).where('merchant_id', '=', p.merchant).where('offset_seconds', '=', p.from),
    )
    await store.write((tx) => tx.insertInto('merchant_clocks').values([{ merchant_id: 'acc_w1', offset_seconds: 1 }, { merchant_id: 'acc_w2', offset_seconds: 2 }]).execute())
    // Inside a transaction (SQLite: straight on the connection) and outside one (through Kysely).
    expect(await store.write((tx) => bump.run(tx, { merchant: 'acc_w1', from: 1, to: 10 }))).toBe(1)
    expect(await store.write((tx) => bump.run(tx, { merchant: 'acc_w1', from: 1, to: 11 }))).toBe(0) // guard no longer holds
    expect(await bump.run(store.db, { merchant: 'acc_w2', from: 2, to: 20 })).toBe(1)
    expect(await bump.run(store.db, { merchant: 'acc_none', from: 0, to: 1 })).toBe(0)
    await expect(
      store.write(async (tx) => {
        await bump.run(tx, { merchant: 'acc_w1', from: 10, to: 12 })
        throw new Error('after the write')
      }),
    ).rejects.toThrow('after the write')
    expect(await clockRow('acc_w1')).toEqual({ merchant_id: 'acc_w1', offset_seconds: 10 })
    expect(await clockRow('acc_w2')).toEqual({ merchant_id: 'acc_w2', offset_seconds: 20 })
  })

  it('prepared reads fill in their values, see their own transaction\'s rows, and never another open transaction\'s', async () => {
    const offset = preparedQuery((db, p: { merchant: string }) =>
      db.selectFrom('merchant_clocks').select('offset_seconds').where('merchant_id', '=', p.merchant).where('offset_seconds', '>=', sql.lit(0)),
    )
    await store.write((tx) => tx.insertInto('merchant_clocks').values([{ merchant_id: 'acc_p1', offset_seconds: 1 }, { merchant_id: 'acc_p2', offset_seconds: 2 }]).execute())
    expect(await offset.first(store.db, { merchant: 'acc_p1' })).toEqual({ offset_seconds: 1 })
    expect(await offset.first(store.db, { merchant: 'acc_p2' })).toEqual({ offset_seconds: 2 })
    expect(await offset.all(store.db, { merchant: 'acc_none' })).toEqual([])

    let inside: unknown
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let written!: () => void
    const wrote = new Promise<void>((r) => (written = r))
    const write = store.write(async (tx) => {
      await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_p3', offset_seconds: 3 }).execute()
      inside = await offset.first(tx, { merchant: 'acc_p3' })
      written()
      await held // the transaction stays open while the read below runs
    })
    await wrote
    const outside = offset.first(store.db, { merchant: 'acc_p3' })
    const seenEarly = await Promise.race([outside, new Promise((r) => setTimeout(() => r('waiting'), 50))])
    release()
    await write
    expect(inside).toEqual({ offset_seconds: 3 })
    // SQLite: the read waits for the transaction, then sees the committed row. PostgreSQL: it does
    // not wait, and sees the row only if it ran after the commit. Neither sees it uncommitted.
    expect(seenEarly === 'waiting' || seenEarly === undefined).toBe(true)
    expect(await offset.first(store.db, { merchant: 'acc_p3' })).toEqual({ offset_seconds: 3 })
  })

  it('write(fn, { single: true }) commits its one statement durably; PostgreSQL refuses a second', async () => {
    await store.write((tx) => tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_s1', offset_seconds: 7 }).execute(), { single: true })
    expect(await clockRow('acc_s1')).toEqual({ merchant_id: 'acc_s1', offset_seconds: 7 })
    const two = store.write(
      async (tx) => {
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_s2', offset_seconds: 1 }).execute()
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_s3', offset_seconds: 1 }).execute()
      },
      { single: true },
    )
    if (testDialect() === 'postgres') await expect(two).rejects.toThrow('ran more than one statement')
    else await two // SQLite runs every write in a transaction: the flag changes nothing there
  })
  it('single writes of one event-loop turn each succeed or fail alone (PostgreSQL merges their inserts)', async () => {
    const one = (merchant: string, offset: number) =>
      store.write((tx) => insertRow(tx, 'merchant_clocks', { merchant_id: merchant, offset_seconds: offset }), { single: true })
    await one('acc_m0', 0)
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) => one(`acc_m${i + 1}`, i + 1)),
      one('acc_m0', 99), // the primary key exists: this one fails, alone
      store.write((tx) => tx.updateTable('merchant_clocks').set({ offset_seconds: 50 }).where('merchant_id', '=', 'acc_m0').execute(), { single: true }),
    ])
    expect(outcomes.map((o) => o.status)).toEqual([...Array(20).fill('fulfilled'), 'rejected', 'fulfilled'])
    const rows = await store.db.selectFrom('merchant_clocks').selectAll().where('merchant_id', 'like', 'acc_m%').orderBy('offset_seconds').execute()
    expect(rows.map((r) => r.offset_seconds)).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), 50])
  })
})
