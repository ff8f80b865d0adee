/**
 * The SQLite store's turn read transaction (src/store/sqlite/turn-read.ts): direct reads of one
 * event-loop turn share a snapshot, and nothing this process commits is ever hidden by it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
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

describe('turn read transaction (SQLite)', () => {
  it("reads of one turn share a snapshot; another process's commit shows from the next turn", async () => {
    expect(await name()).toBe('one')
    renameElsewhere('two')
    // Same turn, within its age limit: the snapshot taken by the first read.
    expect(await name()).toBe('one')
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
    await store.write(async (tx) => {
      await tx.updateTable('merchants').set({ name: 'mine' }).where('id', '=', 'acc_turn').execute()
    })
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
      await second.write(async (tx) => {
        await tx.updateTable('merchants').set({ name: 'second' }).where('id', '=', 'acc_turn').execute()
      })
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
          await store.write(async (tx) => {
            await tx.updateTable('merchants').set({ name: `n${i}` }).where('id', '=', 'acc_turn').execute()
          })
          return name()
        })(),
      ),
    )
    expect(results.every((n) => typeof n === 'string' && n.startsWith('n'))).toBe(true)
    expect(other.prepare("SELECT name FROM merchants WHERE id = 'acc_turn'").get()).toEqual({ name: 'n19' })
  })

  it('does not hold the WAL back from checkpoints', async () => {
    for (let i = 0; i < 50; i++)
      await store.write(async (tx) => {
        await tx.updateTable('merchants').set({ name: `w${i}` }).where('id', '=', 'acc_turn').execute()
      })
    expect(await name()).toBe('w49') // a read transaction is open now
    await nextTurn()
    const [r] = other.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
    expect(r!.busy).toBe(0)
    expect(r!.checkpointed).toBe(r!.log)
  })
})
