/**
 * The SQLite store's turn read transaction (src/store/sqlite/turn-read.ts): direct reads of one
 * event-loop turn share a snapshot, and nothing this process commits is ever hidden by it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqlite } from '../../src/store/sqlite/open.js'
import { preparedQuery } from '../../src/store/prepared-query.js'
import type { Store } from '../../src/store/store.js'

const nameOf = preparedQuery((db, p: { id: string }) => db.selectFrom('merchants').select('name').where('id', '=', p.id))

let dir: string
let store: Store
let other: BetterSqlite3.Database
const name = async (db = store.db) => (await nameOf.first(db, { id: 'acc_turn' }))?.name
const nextTurn = () => new Promise((r) => setImmediate(r))

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tijori-turn-read-'))
  store = openSqlite({ file: join(dir, 'db.sqlite') })
  await store.write(async (tx) => {
    await tx
      .insertInto('merchants')
      .values({ id: 'acc_turn', name: 'one', email: 'turn@example.com', created_at: 1 } as never)
      .execute()
  })
  // Another process's connection, as a CLI command would open it.
  other = new BetterSqlite3(join(dir, 'db.sqlite'))
  other.pragma('busy_timeout = 5000')
})

afterEach(async () => {
  other.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const renameElsewhere = (to: string) => other.prepare("UPDATE merchants SET name = ? WHERE id = 'acc_turn'").run(to)
/** A write through a store of this process (`on`: default the test's store). */
const renameHere = (to: string, on: Store = store) =>
  on.write(async (tx) => {
    await tx.updateTable('merchants').set({ name: to }).where('id', '=', 'acc_turn').execute()
  })

describe('turn read transaction (SQLite)', () => {
  it("another process's commit shows from the next turn on", async () => {
    expect(await name()).toBe('one')
    renameElsewhere('two')
    // Same turn: the snapshot the first read took, unless it is already older than the age limit
    // (a busy machine), so either is right here.
    expect(['one', 'two']).toContain(await name())
    await nextTurn()
    expect(await name()).toBe('two')
  })

  it('never serves a snapshot older than its age limit, even within one turn', async () => {
    expect(await name()).toBe('one')
    renameElsewhere('two')
    const until = performance.now() + 5
    while (performance.now() < until) {
      /* the same turn, 5 ms later */
    }
    expect(await name()).toBe('two')
  })

  it("this process's own commits always show, in the same turn", async () => {
    expect(await name()).toBe('one')
    await renameHere('mine')
    expect(await name()).toBe('mine')
  })

  it('a statement through Kysely ends it (and sees the latest commit)', async () => {
    expect(await name()).toBe('one')
    renameElsewhere('two')
    const row = await store.db.selectFrom('merchants').select('name').where('id', '=', 'acc_turn').executeTakeFirst()
    expect(row?.name).toBe('two')
    expect(await name()).toBe('two')
  })

  it("a second store in the same process: its commit ends the first store's snapshot", async () => {
    const second = openSqlite({ file: join(dir, 'db.sqlite') })
    try {
      expect(await name()).toBe('one')
      // The write's BEGIN runs in a later phase; the read right after its resolution must see it.
      await renameHere('second', second)
      expect(await name()).toBe('second')
    } finally {
      await second.close()
    }
  })

  it('writes after reads in one turn commit normally (no BEGIN inside the read transaction)', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (async () => {
          await name()
          await renameHere(`n${i}`)
          return name()
        })(),
      ),
    )
    expect(results.every((n) => typeof n === 'string' && n.startsWith('n'))).toBe(true)
    expect(other.prepare("SELECT name FROM merchants WHERE id = 'acc_turn'").get()).toEqual({ name: 'n19' })
  })

  it('answers a repeated read with fresh rows: changing one changes nothing else', async () => {
    const first = await nameOf.first(store.db, { id: 'acc_turn' })
    first!.name = 'changed by a caller'
    expect(await name()).toBe('one')
    expect(await nameOf.first(store.db, { id: 'acc_turn' })).not.toBe(await nameOf.first(store.db, { id: 'acc_turn' }))
  })

  it('never answers from an older state than the rules allow (property: writes here and elsewhere, turns, reads)', async () => {
    type Op = { kind: 'own'; v: number } | { kind: 'other'; v: number } | { kind: 'turn' } | { kind: 'read' }
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('own' as const), v: fc.nat(1000) }),
      fc.record({ kind: fc.constant('other' as const), v: fc.nat(1000) }),
      fc.constant({ kind: 'turn' as const }),
      fc.constant({ kind: 'read' as const }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        await nextTurn()
        let truth = (await name())!
        // What a read may answer: the latest commit, or — for another connection's commits since
        // the turn began — what was there when it began.
        let allowed = new Set([truth])
        for (const o of ops) {
          if (o.kind === 'own') {
            truth = `own${o.v}`
            await renameHere(truth)
            allowed = new Set([truth])
          } else if (o.kind === 'other') {
            truth = `other${o.v}`
            renameElsewhere(truth)
            allowed.add(truth)
          } else if (o.kind === 'turn') {
            await nextTurn()
            allowed = new Set([truth])
          } else {
            const got = (await name())!
            expect(allowed.has(got), `read ${got}, allowed ${[...allowed].join(', ')}`).toBe(true)
            allowed = new Set([got, ...[...allowed].slice([...allowed].indexOf(got))])
          }
        }
        await nextTurn()
        expect(await name()).toBe(truth)
      }),
      { numRuns: 60 },
    )
  })

  it('does not hold the WAL back from checkpoints', async () => {
    for (let i = 0; i < 50; i++) await renameHere(`w${i}`)
    expect(await name()).toBe('w49') // a read transaction is open now
    await nextTurn()
    const [r] = other.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
    expect(r!.busy).toBe(0)
    expect(r!.checkpointed).toBe(r!.log)
  })
})
