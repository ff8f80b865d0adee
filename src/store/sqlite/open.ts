/**
 * The embedded SQLite adapter: WAL, synchronous=FULL (an acknowledged write survives an OS crash,
 * not just a process crash — better-sqlite3's compiled default is NORMAL), group commit, and
 * WAL checkpoints outside the commits (checkpointer.ts).
 */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, type LogEvent } from 'kysely'
import type { Database } from '../schema.js'
import type { Store } from '../store.js'
import { inlineCheckpointer, workerCheckpointer, type CheckpointMode } from './checkpointer.js'
import { GroupCommitter } from './group-commit.js'
import { migrateSqlite } from './migrate.js'
import { registerDirectRun } from '../compiled-insert.js'
import { registerDirectReader } from '../prepared-query.js'
import { rowReader } from './row-reader.js'
import { withStatementCache } from './statement-cache.js'
import { otherCommitsSince } from './data-version.js'
import { registerTableVersions, TableWriteCounters, writtenTable } from '../table-versions.js'
import { StripRowLocks } from './strip-row-locks.js'
import { beforeKyselyStatement, TurnReadTransaction } from './turn-read.js'

export interface SqliteOptions {
  /** File path, or ':memory:' for throwaway tests. */
  file: string
  /**
   * Who checkpoints the WAL (files only; default 'inline', see checkpointer.ts). 'sqlite' leaves
   * it to SQLite's own autocheckpoint inside commits: for short-lived connections (CLI commands).
   */
  checkpoints?: CheckpointMode | 'sqlite'
  /** SQLite's page cache in MiB (default DEFAULT_CACHE_MIB). */
  cacheMiB?: number
}

/**
 * The page cache is most of what the server's memory grows by under load: the server idles near
 * 100 MiB and the cache fills up as pages are touched. 32 MiB keeps it under 150 MB with a million
 * orders (143 MB at most under load) and holds the pages that the issue-2 benchmark's random fetches
 * touch; at 24 MiB those pages came back from the OS's file cache and a fetch cost ~15 % more CPU
 * on the large store (BENCHMARKS.md, 2026-12-07).
 */
export const DEFAULT_CACHE_MIB = 32

export function openSqlite(opts: SqliteOptions): Store {
  const memory = opts.file === ':memory:'
  if (!memory) mkdirSync(dirname(opts.file), { recursive: true })
  const raw = new BetterSqlite3(opts.file)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = FULL')
  raw.pragma('busy_timeout = 5000')
  raw.pragma('foreign_keys = OFF')
  // Savepoint journals in memory. Group commit runs each write of a batch in its own SAVEPOINT,
  // and SQLite copies every page a write touches into a sub-journal so that ROLLBACK TO can restore
  // it. better-sqlite3 is built with TEMP_STORE=1: that journal moves to a temp file once it passes
  // 64 KiB. A payout touches ~25 pages, which is about 100 KiB, so every payout in a batch wrote to
  // /var/tmp: 53 pwrite calls per payout where 7 remain with this (strace), and payout creates
  // went up 20–35 %. The journal only ever holds the current write's pages (it is emptied at each
  // RELEASE). Temp tables and sorts also stay in memory; Tijori's queries sort through indexes.
  raw.pragma('temp_store = MEMORY')
  raw.pragma(`cache_size = -${(opts.cacheMiB ?? DEFAULT_CACHE_MIB) * 1024}`)
  const checkpoints = memory ? 'sqlite' : (opts.checkpoints ?? 'inline')
  if (checkpoints !== 'sqlite') raw.pragma('wal_autocheckpoint = 0')
  migrateSqlite(raw)

  // TIJORI_SLOW_QUERY_MS=n prints every query slower than n ms to stderr (finding missing indexes).
  const slowMs = Number(process.env.TIJORI_SLOW_QUERY_MS ?? NaN)
  const turnRead = new TurnReadTransaction(raw)
  // Every statement that goes through Kysely (a write transaction's BEGIN, any autocommit write)
  // first ends the turn's read transactions and moves their versions (turn-read.ts).
  const counters = new TableWriteCounters()
  const statements = withStatementCache(raw, beforeKyselyStatement, counters)
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: statements }),
    plugins: [new StripRowLocks()],
    ...(Number.isFinite(slowMs)
      ? {
          log: (e: LogEvent) => {
            if (e.queryDurationMillis >= slowMs) process.stderr.write(`slow query ${e.queryDurationMillis.toFixed(1)} ms: ${e.query.sql}\n`)
          },
        }
      : {}),
  })
  // Values as arguments, not one array: better-sqlite3 then binds each from the call's arguments
  // instead of reading the array element by element through V8's API (a 29-value payout insert:
  // ~3.1 -> ~2.4 µs in a tight loop). Every value here is a plain string, number, null or Buffer.
  registerDirectRun(db, (sql, parameters) => ({ changes: Number((statements.prepare(sql) as unknown as BetterSqlite3.Statement<unknown[]>).run(...parameters).changes) }))
  // The reader's writes (an UPDATE … RETURNING: a business account's balance) are counted too. Their
  // tables are named once per SQL text: the reader's statements are a small fixed set.
  const readerWrites = new Map<string, string | null>()
  const reader = rowReader(raw, (sql) => {
    statements.countWrite()
    let table = readerWrites.get(sql)
    if (table === undefined) readerWrites.set(sql, (table = writtenTable(sql, false)))
    counters.ran(table)
  })
  registerDirectReader(db, {
    writing: () => turnRead.writing(),
    all: (sql, parameters, outside) => {
      if (!outside) return reader.all(sql, parameters)
      turnRead.enter()
      return reader.atVersion(turnRead.version, sql, parameters)
    },
  })
  const [begin, rollback, release] = ['SAVEPOINT g', 'ROLLBACK TO g', 'RELEASE g'].map((q) => raw.prepare(q))
  // The first statement of every write transaction: it takes the transaction's snapshot, and says
  // whether another connection (a CLI command on the file) committed since this one's last
  // transaction, which may have changed any table under the caches (table-versions.ts).
  const othersCommitted = otherCommitsSince(raw)
  const began = () => {
    if (othersCommitted()) counters.wroteAny()
  }
  const committer = new GroupCommitter(db, {
    begin: () => begin!.run(),
    rollback: () => {
      counters.wroteAny()
      rollback!.run()
    },
    release: () => release!.run(),
  }, statements.writes, began)
  registerTableVersions(db, counters)
  const checkpointer =
    checkpoints === 'inline'
      ? inlineCheckpointer(raw, turnRead.end)
      : checkpoints === 'worker'
        ? workerCheckpointer(opts.file, createRequire(import.meta.url).resolve('better-sqlite3'))
        : null
  let closed = false

  return {
    dialect: 'sqlite',
    db,
    write: (fn) => committer.write(fn),
    async close() {
      if (closed) return
      closed = true
      await committer.drained()
      await checkpointer?.stop()
      turnRead.close()
      await db.destroy() // closes the better-sqlite3 handle
    },
  }
}
