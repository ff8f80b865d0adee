/**
 * One read transaction per event-loop turn for the direct reads (prepared-query.ts) made outside a
 * write transaction.
 *
 * Why: a SELECT in autocommit mode is its own read transaction, and in WAL mode each one takes and
 * releases a read lock on the -shm file: two `fcntl` calls per read. Under load on this VM those
 * syscalls made a payout replay's two primary-key reads cost ~3× what they cost in a tight loop
 * (BENCHMARKS.md, 2026-12-07). Reads of one turn — every request whose body arrived in the same
 * poll phase — now share one read transaction: one lock for all of them.
 *
 * What a read sees is unchanged in kind: a committed snapshot, never uncommitted rows. It is taken
 * at the turn's first read instead of at each read:
 *  - Commits made in this process always show. Every statement that goes through Kysely — a write
 *    transaction's BEGIN, an autocommit write, a read — first ends the read transactions of every
 *    SQLite store in the process (a write transaction cannot begin inside one, and a write outside
 *    one must stay autocommit).
 *  - A commit by another process (a CLI command on the same file) shows from the next turn on, and
 *    never later than MAX_AGE_MS after it: the read transaction ends at the turn's check phase
 *    (setImmediate), and a read that finds it older than that starts a new one.
 *  - A WAL checkpoint ends it first, so it never holds the WAL back.
 *
 * It also keeps `version`, which changes whenever what a read outside a write transaction would
 * see may have changed: at every statement that goes through Kysely (so at every write of this
 * process), and when a new read transaction finds that another connection committed (SQLite's
 * `PRAGMA data_version`, read as the transaction's first statement). Results read at one version
 * can be served again at the same version (row-reader.ts).
 */
import type BetterSqlite3 from 'better-sqlite3'
import { otherCommitsSince } from './data-version.js'

/** The oldest snapshot a read may join (wall-clock ms; a turn under load lasts about this long). */
const MAX_AGE_MS = 1

/** Every SQLite store's read transaction in this process (tests open several stores on one file). */
const all = new Set<TurnReadTransaction>()

/** Before any statement through Kysely: ends every store's read transaction and moves its version; see the header. */
export function beforeKyselyStatement(): void {
  for (const t of all) {
    t.end()
    t.version++
  }
}

export class TurnReadTransaction {
  private open = false
  private openedAt = 0
  private readonly begin: BetterSqlite3.Statement
  private readonly commit: BetterSqlite3.Statement
  private readonly othersCommitted: () => boolean
  /** See the header: equal versions, equal answers to the same read outside a write transaction. */
  version = 0

  constructor(private readonly raw: BetterSqlite3.Database) {
    this.begin = raw.prepare('BEGIN')
    this.commit = raw.prepare('COMMIT')
    this.othersCommitted = otherCommitsSince(raw)
    all.add(this)
  }

  /** The connection is closing: end, and forget this store. */
  close(): void {
    this.end()
    all.delete(this)
  }

  /** True while a write transaction (not this read transaction) holds the connection. */
  writing(): boolean {
    return this.raw.inTransaction && !this.open
  }

  /** Before a direct read outside a write transaction: joins this turn's read transaction. */
  enter(): void {
    if (this.open) {
      if (performance.now() - this.openedAt <= MAX_AGE_MS) return
      this.end()
    }
    if (this.raw.inTransaction) return
    this.begin.run()
    this.open = true
    this.openedAt = performance.now()
    setImmediate(this.end)
    // The transaction's first statement takes its snapshot; data_version then says whether another
    // connection has committed since this connection's previous transaction.
    if (this.othersCommitted()) this.version++
  }

  /** Ends the read transaction, if one is open. Safe anywhere: the next read starts a new one. */
  readonly end = (): void => {
    if (!this.open) return
    this.open = false
    try {
      this.commit.run()
    } catch {
      // A read-only COMMIT has nothing to fail on; if it ever does, do not leave the connection in
      // a transaction the writer would then fail to BEGIN inside.
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK')
    }
  }
}
