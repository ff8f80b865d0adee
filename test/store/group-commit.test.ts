/**
 * SQLite group commit (src/store/sqlite/group-commit.ts): the writes of one turn share a
 * transaction, and each still commits or fails alone. Optimistic batches use no savepoint; a write
 * that fails after writing sends its batch back to run again with savepoints.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GroupCommitter } from '../../src/store/sqlite/group-commit.js'
import { withStatementCache } from '../../src/store/sqlite/statement-cache.js'
import type { Database, Db } from '../../src/store/schema.js'

let dir: string
let raw: BetterSqlite3.Database
let db: Kysely<Database>
let committer: GroupCommitter
let savepointCalls: string[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tijori-group-commit-'))
  raw = new BetterSqlite3(join(dir, 'db.sqlite'))
  raw.exec('CREATE TABLE merchant_clocks (merchant_id TEXT PRIMARY KEY, offset_seconds INTEGER NOT NULL) WITHOUT ROWID')
  const statements = withStatementCache(raw)
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) })
  savepointCalls = []
  const [begin, rollback, release] = ['SAVEPOINT g', 'ROLLBACK TO g', 'RELEASE g'].map((q) => raw.prepare(q))
  committer = new GroupCommitter(
    db,
    {
      begin: () => (savepointCalls.push('begin'), begin!.run()),
      rollback: () => (savepointCalls.push('rollback'), rollback!.run()),
      release: () => (savepointCalls.push('release'), release!.run()),
    },
    statements.writes,
  )
})

afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const rows = () =>
  Object.fromEntries((raw.prepare('SELECT merchant_id, offset_seconds FROM merchant_clocks ORDER BY merchant_id').all() as { merchant_id: string; offset_seconds: number }[]).map((r) => [r.merchant_id, r.offset_seconds]))
const put = (tx: Db, id: string, n: number) => tx.insertInto('merchant_clocks').values({ merchant_id: id, offset_seconds: n }).execute()
const read = (tx: Db, id: string) => tx.selectFrom('merchant_clocks').select('offset_seconds').where('merchant_id', '=', id).executeTakeFirst()

describe('group commit (SQLite)', () => {
  it('a batch whose writes all succeed runs each once and takes no savepoint', async () => {
    const runs = new Map<string, number>()
    const op = (id: string) => (tx: Db) => (runs.set(id, (runs.get(id) ?? 0) + 1), put(tx, id, 1))
    await Promise.all(['a', 'b', 'c'].map((id) => committer.write(op(id))))
    expect(rows()).toEqual({ a: 1, b: 1, c: 1 })
    expect([...runs.values()]).toEqual([1, 1, 1])
    expect(savepointCalls).toEqual([])
  })

  it('a write that fails before writing anything fails alone, and nothing runs twice', async () => {
    const runs: string[] = []
    const results = await Promise.allSettled([
      committer.write(async (tx) => (runs.push('a'), put(tx, 'a', 1))),
      committer.write(async (tx) => {
        runs.push('bad')
        await read(tx, 'a') // a read is not a write
        throw new Error('validation failed before any write')
      }),
      committer.write(async (tx) => (runs.push('c'), put(tx, 'c', 3))),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(rows()).toEqual({ a: 1, c: 3 })
    expect(runs).toEqual(['a', 'bad', 'c'])
    expect(savepointCalls).toEqual([])
  })

  it('a write that fails after writing sends the batch back: run again with savepoints, it fails alone and leaves nothing', async () => {
    const runs: string[] = []
    const results = await Promise.allSettled([
      committer.write(async (tx) => (runs.push('a'), put(tx, 'a', 1))),
      committer.write(async (tx) => {
        runs.push('bad')
        await put(tx, 'bad', 2)
        throw new Error('failed after a write')
      }),
      committer.write(async (tx) => (runs.push('c'), put(tx, 'c', 3))),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toBe('failed after a write')
    expect(rows()).toEqual({ a: 1, c: 3 })
    // First attempt a, bad (then thrown away); second attempt a, bad, c, each in its savepoint.
    expect(runs).toEqual(['a', 'bad', 'a', 'bad', 'c'])
    expect(savepointCalls).toEqual(['begin', 'release', 'begin', 'rollback', 'release', 'begin', 'release'])
  })

  it('a failed statement counts as a write: a duplicate key caught too late is rolled back with its operation', async () => {
    await committer.write((tx) => put(tx, 'dup', 1))
    const results = await Promise.allSettled([
      committer.write(async (tx) => put(tx, 'x', 1)),
      committer.write(async (tx) => put(tx, 'dup', 2)), // UNIQUE constraint failed
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
    expect(rows()).toEqual({ dup: 1, x: 1 })
  })

  it('an UPDATE … RETURNING is a write too: one that fails after it leaves nothing of it', async () => {
    await committer.write((tx) => put(tx, 'r', 1))
    const results = await Promise.allSettled([
      committer.write(async (tx) => put(tx, 'a', 1)),
      committer.write(async (tx) => {
        // Returns rows (better-sqlite3 calls it a reader), but changes the database.
        await tx.updateTable('merchant_clocks').set({ offset_seconds: 99 }).where('merchant_id', '=', 'r').returning('offset_seconds').execute()
        throw new Error('failed after an UPDATE … RETURNING')
      }),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
    expect(rows()).toEqual({ a: 1, r: 1 })
  })

  it('property: whatever each write does and however it fails, the result is each successful write applied once, in order', async () => {
    type Step = { id: string; n: number } // insert-or-add n to id's row
    type Op = { steps: Step[]; failAt: number | null } // throw before step `failAt` (steps.length: after all)
    const step = fc.record({ id: fc.constantFrom('p', 'q', 'r'), n: fc.integer({ min: 1, max: 9 }) })
    const op = fc.record({ steps: fc.array(step, { maxLength: 3 }) }).chain(({ steps }) =>
      fc.record({ steps: fc.constant(steps), failAt: fc.option(fc.integer({ min: 0, max: steps.length }), { freq: 3 }) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        raw.exec('DELETE FROM merchant_clocks')
        const apply = async (tx: Db, o: Op) => {
          for (const [i, s] of o.steps.entries()) {
            if (o.failAt === i) throw new Error('fail')
            const cur = await read(tx, s.id)
            if (cur) await tx.updateTable('merchant_clocks').set({ offset_seconds: cur.offset_seconds + s.n }).where('merchant_id', '=', s.id).execute()
            else await put(tx, s.id, s.n)
          }
          if (o.failAt === o.steps.length) throw new Error('fail')
          return o.steps.length
        }
        const results = await Promise.allSettled(ops.map((o) => committer.write((tx) => apply(tx, o))))
        const model: Record<string, number> = {}
        ops.forEach((o, i) => {
          expect(results[i]!.status).toBe(o.failAt === null ? 'fulfilled' : 'rejected')
          if (o.failAt === null) for (const s of o.steps) model[s.id] = (model[s.id] ?? 0) + s.n
        })
        expect(rows()).toEqual(model)
      }),
      { numRuns: 150 },
    )
  })
})

describe('group commit through the SQLite store (SQLite)', () => {
  it('a prepared UPDATE … RETURNING, which runs outside the statement cache, counts as a write', async () => {
    const { openSqlite } = await import('../../src/store/sqlite/open.js')
    const { preparedQuery } = await import('../../src/store/prepared-query.js')
    const { sql } = await import('kysely')
    const store = openSqlite({ file: join(dir, 'store.sqlite') })
    try {
      // Like the business-account balance move (domain/banking/store.ts): prepared, so it runs on the row reader.
      const bump = preparedQuery((db, p: { id: string }) =>
        db
          .updateTable('merchant_clocks')
          .set((eb) => ({ offset_seconds: eb('offset_seconds', '+', sql.lit(1)) }))
          .where('merchant_id', '=', p.id)
          .returning('offset_seconds'),
      )
      await store.write((tx) => tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_b', offset_seconds: 10 }).execute())
      const results = await Promise.allSettled([
        store.write((tx) => tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_a', offset_seconds: 1 }).execute()),
        store.write(async (tx) => {
          expect(await bump.first(tx, { id: 'acc_b' })).toEqual({ offset_seconds: 11 })
          throw new Error('failed after the update')
        }),
      ])
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
      const got = await store.db.selectFrom('merchant_clocks').select(['merchant_id', 'offset_seconds']).orderBy('merchant_id').execute()
      expect(got).toEqual([
        { merchant_id: 'acc_a', offset_seconds: 1 },
        { merchant_id: 'acc_b', offset_seconds: 10 },
      ])
    } finally {
      await store.close()
    }
  })
})
