/**
 * The SQLite adapter's settings: its page cache size, and who checkpoints its WAL (src/store/sqlite/checkpointer.ts). With wal_autocheckpoint off, the
 * database file only grows when a checkpoint copies the WAL's pages into it, so its size tells
 * whether a checkpoint ran. The control: SQLite's own autocheckpoint waits for 1,000 pages, which
 * these few writes do not reach.
 */
import { mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { cacheMiB, checkpointMode } from '../../src/store/open.js'
import { DEFAULT_CACHE_MIB, openSqlite } from '../../src/store/sqlite/open.js'
import type { Store } from '../../src/store/store.js'

const dirs: string[] = []
const stores: Store[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function open(checkpoints: 'inline' | 'worker' | 'sqlite'): Promise<{ store: Store; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tj-ckpt-'))
  dirs.push(dir)
  const file = join(dir, 't.db')
  const store = openSqlite({ file, checkpoints })
  stores.push(store)
  await sql`CREATE TABLE pad (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(store.db)
  await sleep(150) // let a checkpointer copy the schema, so the size below is the baseline
  return { store, file }
}

/** ~200 pages of rows in 20 commits. */
async function writeRows(store: Store): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await store.write(async (tx) => {
      for (let j = 0; j < 40; j++) await sql`INSERT INTO pad (body) VALUES (${'x'.repeat(2000)})`.execute(tx)
    })
  }
}

describe('SQLite WAL checkpoints', () => {
  it('SQLite alone does not checkpoint a few hundred pages (the control)', async () => {
    const { store, file } = await open('sqlite')
    const before = statSync(file).size
    await writeRows(store)
    await sleep(300)
    expect(statSync(file).size).toBe(before)
  })

  for (const mode of ['inline', 'worker'] as const) {
    it(`the ${mode} checkpointer copies committed pages into the database file within moments`, async () => {
      const { store, file } = await open(mode)
      const before = statSync(file).size
      await writeRows(store)
      // A tick comes every 50 ms; the deadline is wide because the worker thread has to start first,
      // which took more than 0.45 s once on a loaded machine.
      for (const end = Date.now() + 5000; statSync(file).size <= before + 100 * 4096 && Date.now() < end; ) await sleep(50)
      expect(statSync(file).size).toBeGreaterThan(before + 100 * 4096)
    })
  }

  it('the inline checkpointer waits while a transaction is open, then checkpoints', async () => {
    const { store, file } = await open('inline')
    const before = statSync(file).size
    // A write that stays open across several checkpoint ticks: they must skip, not fail or commit it.
    await store.write(async (tx) => {
      for (let j = 0; j < 300; j++) await sql`INSERT INTO pad (body) VALUES (${'y'.repeat(2000)})`.execute(tx)
      await sleep(200)
      expect(statSync(file).size).toBe(before)
    })
    await sleep(300)
    expect(statSync(file).size).toBeGreaterThan(before + 100 * 4096)
    const n = await sql<{ n: number }>`SELECT count(*) AS n FROM pad`.execute(store.db)
    expect(n.rows[0]!.n).toBe(300)
  })

  it('TIJORI_SQLITE_CHECKPOINTS is inline (default) or worker; anything else stops the start', () => {
    expect(checkpointMode(undefined)).toBe('inline')
    expect(checkpointMode('')).toBe('inline')
    expect(checkpointMode('worker')).toBe('worker')
    expect(() => checkpointMode('thread')).toThrow(/TIJORI_SQLITE_CHECKPOINTS must be inline or worker/)
  })

  it('the page cache is TIJORI_SQLITE_CACHE_MIB MiB (default 32); nonsense stops the start', async () => {
    expect(DEFAULT_CACHE_MIB).toBe(32)
    expect(cacheMiB(undefined)).toBe(32)
    expect(cacheMiB('8')).toBe(8)
    for (const bad of ['0', '-4', '1.5', 'lots', '70000']) expect(() => cacheMiB(bad)).toThrow(/TIJORI_SQLITE_CACHE_MIB must be a whole number/)
    const dir = mkdtempSync(join(tmpdir(), 'tj-cache-'))
    dirs.push(dir)
    const store = openSqlite({ file: join(dir, 't.db'), cacheMiB: 8 })
    stores.push(store)
    const r = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(store.db)
    expect(r.rows[0]!.cache_size).toBe(-8 * 1024)
  })
})

/** SQLite's temp files (sub-journals that spilled, temp tables) are named etilqs_… and unlinked at once. */
function openTempFiles(): string[] {
  const out: string[] = []
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`)
      if (target.includes('etilqs_')) out.push(target)
    } catch {
      /* closed meanwhile */
    }
  }
  return out
}

describe('savepoint journals', () => {
  it('stay in memory: a batch of large writes, each in its own savepoint, opens no temp file', async () => {
    const { store } = await open('inline')
    await writeRows(store) // ~200 pages that exist before the batch
    const seen: string[][] = []
    // One event-loop turn, so one group-commit batch. Its last write fails after writing, so the
    // batch runs again with every write in a SAVEPOINT (group-commit.ts). Each changes rows on ~50
    // existing pages, whose old contents go to the sub-journal (more than the 64 KiB after which a
    // file-backed sub-journal spills to a temp file).
    const results = await Promise.allSettled([
      ...Array.from({ length: 8 }, (_, i) =>
        store.write(async (tx) => {
          await sql`UPDATE pad SET body = ${String(i).repeat(2000)} WHERE id % 8 = ${i}`.execute(tx)
          seen.push(openTempFiles())
        }),
      ),
      store.write(async (tx) => {
        await sql`UPDATE pad SET body = 'x' WHERE id = 1`.execute(tx)
        throw new Error('fails after writing')
      }),
    ])
    expect(results.map((r) => r.status)).toEqual([...Array(8).fill('fulfilled'), 'rejected'])
    expect(seen).toHaveLength(16) // 8 without savepoints, then 8 with
    expect(seen.flat()).toEqual([])
  })
})
