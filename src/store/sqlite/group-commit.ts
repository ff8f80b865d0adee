/**
 * Group commit for SQLite. Every write that arrives in the same event-loop turn joins one
 * transaction (one fsync under synchronous=FULL). Callers are answered only after COMMIT, so an
 * acknowledged write is on disk. Measured ~3x a commit per request (performance.md A.2).
 *
 * A failing operation must roll back alone while the others commit. Two ways:
 *  - optimistic (when the connection counts its write statements, see statement-cache.ts): the
 *    operations run one after another with nothing in between. One that fails having run no write
 *    statement left nothing to undo. One that fails after a write statement throws the whole
 *    transaction away, and the batch runs again from the start in the safe way below. Operations
 *    are already written to be run again (PostgreSQL re-runs them after a serialization failure),
 *    and nothing of the first attempt was committed or answered.
 *  - safe: each operation runs inside its own SAVEPOINT and a failure rolls back to it. A savepoint
 *    is two more statements, and SQLite copies every page the operation changes into a sub-journal
 *    first (a payout changes ~25 pages). Going without them gave payout creates +2 % and +7 % in two
 *    A/B runs (BENCHMARKS.md, 2026-12-07 evening).
 */
import { sql, type Kysely } from 'kysely'
import { registerCommitHook } from '../after-commit.js'
import type { Database, Db } from '../schema.js'

interface Pending {
  fn: (tx: Db) => Promise<unknown>
  resolve: (v: unknown) => void
  reject: (e: unknown) => void
}

type Outcome = { ok: true; value: unknown; committed: (() => void)[] } | { ok: false; error: unknown }

const MAX_BATCH = 256

/**
 * The batch's savepoint statements, run on the raw connection the transaction holds: through
 * Kysely each one cost a query build and compile, three per write (a profile put them near 10 µs
 * of a ~40 µs create-order write).
 */
export interface Savepoints {
  begin: () => void
  rollback: () => void
  release: () => void
}

/** Savepoints through Kysely, for a connection without a raw handle. */
function kyselySavepoints(tx: () => Db): { begin: () => Promise<unknown>; rollback: () => Promise<unknown>; release: () => Promise<unknown> } {
  return {
    begin: () => sql`SAVEPOINT g`.execute(tx()),
    rollback: () => sql`ROLLBACK TO g`.execute(tx()),
    release: () => sql`RELEASE g`.execute(tx()),
  }
}

export class GroupCommitter {
  private queue: Pending[] = []
  private scheduled = false
  private running = false
  private idle: (() => void)[] = []
  /** afterCommit() callbacks of the operation running now (after-commit.ts); null between operations. */
  private collecting: (() => void)[] | null = null

  constructor(
    private readonly db: Kysely<Database>,
    private readonly savepoints?: Savepoints,
    /** The connection's count of write statements run (optimistic batches); none: always safe. */
    private readonly writes?: () => number,
    /** Run as the first statement of every batch's transaction (sqlite/open.ts: PRAGMA data_version). */
    private readonly began?: () => void,
  ) {
    registerCommitHook(db, (fn) => {
      if (this.collecting === null) return false
      this.collecting.push(fn)
      return true
    })
  }

  write<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject })
      this.schedule()
    })
  }

  /** Resolves when nothing is queued or running (used by shutdown). */
  drained(): Promise<void> {
    if (!this.running && !this.scheduled && this.queue.length === 0) return Promise.resolve()
    return new Promise((r) => this.idle.push(r))
  }

  private schedule(): void {
    if (this.scheduled || this.running) return
    this.scheduled = true
    setImmediate(() => void this.flush())
  }

  private async flush(): Promise<void> {
    this.scheduled = false
    this.running = true
    const batch = this.queue.splice(0, MAX_BATCH)
    let outcomes: Outcome[] = []
    for (let safe = this.writes === undefined; ; safe = true) {
      outcomes = []
      try {
        await this.db.transaction().execute(async (tx) => {
          this.began?.()
          if (batch.length === 1) {
            // One writer alone needs no savepoint: its failure rolls the whole transaction back.
            outcomes.push(await this.run(batch[0]!, tx))
            if (!outcomes[0]!.ok) throw new RollbackOnly()
          } else if (safe) {
            await this.runSafely(batch, tx, outcomes)
          } else {
            await this.runOptimistically(batch, tx, outcomes)
          }
        })
      } catch (e) {
        if (e instanceof RunAgainSafely) continue
        if (!(e instanceof RollbackOnly)) {
          // COMMIT itself failed (disk full, I/O error): nothing in this batch is durable.
          for (const item of batch) item.reject(e)
          return this.done()
        }
      }
      break
    }
    // Committed: the after-commit work of the operations that succeeded, before anyone hears back.
    for (const o of outcomes) if (o.ok) for (const fn of o.committed) runQuietly(fn)
    batch.forEach((item, i) => {
      const o = outcomes[i]!
      if (o.ok) item.resolve(o.value)
      else item.reject(o.error)
    })
    this.done()
  }

  /** Runs one operation, collecting its afterCommit() callbacks. */
  private async run(item: Pending, tx: Db): Promise<Outcome> {
    const committed: (() => void)[] = []
    this.collecting = committed
    try {
      return { ok: true, value: await item.fn(tx), committed }
    } catch (error) {
      return { ok: false, error }
    } finally {
      this.collecting = null
    }
  }

  private async runSafely(batch: Pending[], tx: Db, outcomes: Outcome[]): Promise<void> {
    const sp = this.savepoints ?? kyselySavepoints(() => tx)
    for (const item of batch) {
      await sp.begin()
      const outcome = await this.run(item, tx)
      if (!outcome.ok) await sp.rollback()
      await sp.release()
      outcomes.push(outcome)
    }
  }

  private async runOptimistically(batch: Pending[], tx: Db, outcomes: Outcome[]): Promise<void> {
    const writes = this.writes!
    for (const item of batch) {
      const before = writes()
      const outcome = await this.run(item, tx)
      if (!outcome.ok && writes() !== before) throw new RunAgainSafely()
      outcomes.push(outcome)
    }
  }

  private done(): void {
    this.running = false
    if (this.queue.length > 0) this.schedule()
    else for (const r of this.idle.splice(0)) r()
  }
}

class RollbackOnly extends Error {}

/** An operation of an optimistic batch failed after writing: undo the batch, run it with savepoints. */
class RunAgainSafely extends Error {}

/** An after-commit callback only updates memory; one that throws must not keep the batch from answering. */
function runQuietly(fn: () => void): void {
  try {
    fn()
  } catch {
    // nothing: the knowledge it would have recorded is simply missing (after-commit.ts)
  }
}
