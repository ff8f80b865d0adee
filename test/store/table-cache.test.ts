/**
 * Values kept while their tables are not written (src/store/table-cache.ts, table-versions.ts): a
 * kept value is answered again only on SQLite and only inside a write transaction, and every way a
 * table can change makes the next read go to the database — a write through Kysely, a compiled
 * insert, an UPDATE … RETURNING, a rollback, and another connection's commit.
 */
import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { TableCache } from '../../src/store/table-cache.js'
import { writtenTable } from '../../src/store/table-versions.js'
import { preparedQuery } from '../../src/store/prepared-query.js'
import { insertRow } from '../../src/store/compiled-insert.js'
import { openStore } from '../../src/store/open.js'
import type { Db } from '../../src/store/schema.js'
import type { Store } from '../../src/store/store.js'
import { freshTestDb, testDialect } from '../support/test-db.js'
import { webhookRow } from '../webhooks/webhook-row.js'

const nameOf = preparedQuery((db, p: { id: string }) => db.selectFrom('merchants').select('name').where('id', '=', p.id))
const rename = preparedQuery((db, p: { id: string; name: string }) =>
  db.updateTable('merchants').set({ name: p.name }).where('id', '=', p.id).returning('name'),
)

const sqlite = testDialect() === 'sqlite'

/** A store with merchant acc_one named "one", a cache over the merchants table, and its load count. */
async function setup() {
  const testDb = await freshTestDb()
  const store = await openStore(testDb.location)
  await store.write((tx) => tx.insertInto('merchants').values({ id: 'acc_one', name: 'one', email: 'one@example.com', created_at: 1 } as never).execute())
  const cache = new TableCache<{ name: string } | undefined>(['merchants'])
  let loads = 0
  const read = (tx: Db, id = 'acc_one') =>
    cache.get(tx, id, async () => {
      loads++
      return nameOf.first(tx, { id })
    })
  const inWrite = (id = 'acc_one') => store.write((tx) => read(tx, id))
  const cleanup = async (...more: Store[]) => {
    for (const s of more) await s.close()
    await store.close()
    await testDb.drop()
  }
  return { testDb, store, read, inWrite, loads: () => loads, cleanup }
}

type Setup = Awaited<ReturnType<typeof setup>>

/** Runs `body` with a fresh setup, closing and dropping it (and the `others` it opened) afterwards. */
async function withSetup(body: (t: Setup, others: Store[]) => Promise<void>): Promise<void> {
  const t = await setup()
  const others: Store[] = []
  try {
    await body(t, others)
  } finally {
    await t.cleanup(...others)
  }
}

describe('TableCache', () => {
  it('answers again from memory only on SQLite, inside a write transaction, and shares a frozen value', () =>
    withSetup(async (t) => {
      const first = await t.inWrite()
      const again = await t.inWrite()
      expect(again).toEqual({ name: 'one' })
      expect(t.loads()).toBe(sqlite ? 1 : 2)
      if (sqlite) {
        expect(again).toBe(first)
        expect(Object.isFrozen(again)).toBe(true)
      }
      // Outside a write transaction a read is never answered from the cache.
      await t.read(t.store.db)
      await t.read(t.store.db)
      expect(t.loads()).toBe(sqlite ? 3 : 4)
      // A missing row is kept as missing, until the table is written.
      expect(await t.inWrite('acc_two')).toBeUndefined()
      await t.inWrite('acc_two')
      expect(t.loads()).toBe(sqlite ? 4 : 6)
      await t.store.write((tx) => tx.insertInto('merchants').values({ id: 'acc_two', name: 'two', email: 'two@example.com', created_at: 1 } as never).execute())
      expect(await t.inWrite('acc_two')).toEqual({ name: 'two' })
    }))

  it('reads again after every kind of write to its table, and not after writes to others', () =>
    withSetup(async (t) => {
      await t.inWrite()
      // Another table: the kept value stands.
      await t.store.write((tx) => tx.insertInto('webhooks').values(webhookRow('wh_x', 'acc_one', ['*'])).execute())
      await t.inWrite()
      expect(t.loads()).toBe(sqlite ? 1 : 2)
      const before = t.loads()
      // Through Kysely, in an earlier transaction.
      await t.store.write((tx) => tx.updateTable('merchants').set({ name: 'two' }).where('id', '=', 'acc_one').execute())
      expect(await t.inWrite()).toEqual({ name: 'two' })
      // Earlier in the same transaction: the read sees the transaction's own write.
      expect(await t.store.write(async (tx) => {
        await tx.updateTable('merchants').set({ name: 'three' }).where('id', '=', 'acc_one').execute()
        return t.read(tx)
      })).toEqual({ name: 'three' })
      // An UPDATE … RETURNING run directly on the connection.
      await t.store.write((tx) => rename.first(tx, { id: 'acc_one', name: 'four' }))
      expect(await t.inWrite()).toEqual({ name: 'four' })
      // A compiled insert (a new row, read before as missing).
      expect(await t.inWrite('acc_five')).toBeUndefined()
      await t.store.write((tx) => insertRow(tx, 'merchants', { id: 'acc_five', name: 'five', email: 'five@example.com', created_at: 1 } as never))
      expect(await t.inWrite('acc_five')).toEqual({ name: 'five' })
      expect(t.loads() - before).toBe(5)
    }))

  it('forgets what a rolled-back write let it read, alone or beside an operation that commits', () =>
    withSetup(async (t) => {
      await t.inWrite()
      const boom = new Error('boom')
      const renameThenFail = (name: string) =>
        t.store.write(async (tx) => {
          await tx.updateTable('merchants').set({ name }).where('id', '=', 'acc_one').execute()
          expect(await t.read(tx)).toEqual({ name })
          throw boom
        })
      // Alone: the whole transaction rolls back.
      await expect(renameThenFail('gone')).rejects.toBe(boom)
      expect(await t.inWrite()).toEqual({ name: 'one' })
      // In one group commit with others (SQLite rolls back to the failing operation's savepoint).
      const [a, b, c] = await Promise.allSettled([t.inWrite(), renameThenFail('gone again'), t.inWrite()])
      expect(a).toEqual({ status: 'fulfilled', value: { name: 'one' } })
      expect(b).toEqual({ status: 'rejected', reason: boom })
      expect(c).toEqual({ status: 'fulfilled', value: { name: 'one' } })
      expect(await t.inWrite()).toEqual({ name: 'one' })
    }))

  it("reads again after another connection's commit (a CLI command on the same database)", () =>
    withSetup(async (t, others) => {
      const other = await openStore(t.testDb.location)
      others.push(other)
      expect(await t.inWrite()).toEqual({ name: 'one' })
      await other.write((tx) => tx.updateTable('merchants').set({ name: 'elsewhere' }).where('id', '=', 'acc_one').execute())
      expect(await t.inWrite()).toEqual({ name: 'elsewhere' })
      // Through raw SQL too, which no statement cache of this process sees.
      await other.write((tx) => sql`UPDATE merchants SET name = 'raw' WHERE id = 'acc_one'`.execute(tx))
      expect(await t.inWrite()).toEqual({ name: 'raw' })
    }))
})

describe('the schema', () => {
  it('has no triggers, whose writes table-versions.ts could not see', async () => {
    const testDb = await freshTestDb()
    const store = await openStore(testDb.location)
    try {
      const q = sqlite
        ? sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'`
        : sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.triggers WHERE trigger_schema = current_schema()`
      expect((await q.execute(store.db)).rows[0]!.n).toBe(0)
    } finally {
      await store.close()
      await testDb.drop()
    }
  })
})

describe('writtenTable', () => {
  it('names the table a write statement writes, any table for a rollback or an unclear write, none for a read', () => {
    expect(writtenTable('insert into "payouts" ("id") values (?)', false)).toBe('payouts')
    expect(writtenTable('INSERT OR IGNORE INTO jobs (id) VALUES (?)', false)).toBe('jobs')
    expect(writtenTable('update "fund_accounts" set "active" = ? where "id" = ?', false)).toBe('fund_accounts')
    expect(writtenTable('delete from "webhooks" where "id" = ?', false)).toBe('webhooks')
    expect(writtenTable('replace into contacts(id) values (?)', false)).toBe('contacts')
    expect(writtenTable('with x as (select 1) insert into "contacts" select * from x', false)).toBe('*')
    expect(writtenTable('ROLLBACK TO g', true)).toBe('*')
    expect(writtenTable('rollback', true)).toBe('*')
    expect(writtenTable('select * from "payouts"', true)).toBeNull()
    expect(writtenTable('commit', true)).toBeNull()
  })
})
