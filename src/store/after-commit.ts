/**
 * Work to do once an operation's writes are durable, for in-memory knowledge that must never get
 * ahead of the database (jobs/pending-jobs.ts). `afterCommit(tx, fn)` runs `fn` after the COMMIT
 * that made the calling operation's writes durable, and never if they roll back: a group commit's
 * operation that fails alone (rolled back to its savepoint), a batch re-run, a failed COMMIT.
 *
 * Only where the adapter registers a hook for its transactions: SQLite's group commit does. Elsewhere
 * (PostgreSQL) `fn` is dropped and afterCommit returns false, so callers may only use it for
 * knowledge that can be missing (a cache that is then read from the database again).
 */
import type { Db } from './schema.js'

/**
 * By the Kysely instance's adapter, which its transactions share (as compiled-insert.ts). Not by
 * transaction object: a WeakMap entry per group commit kept each batch's transaction, and what it
 * reached, alive into the old generation (+48 MiB RSS under payout load).
 */
const hooks = new WeakMap<object, (fn: () => void) => boolean>()

/**
 * Called once by an adapter for its Kysely instance: `add` keeps `fn` for the operation running in
 * its transaction now, and returns false when none is running.
 */
export function registerCommitHook(db: { getExecutor(): { adapter: object } }, add: (fn: () => void) => boolean): void {
  hooks.set(db.getExecutor().adapter, add)
}

export function afterCommit(tx: Db, fn: () => void): boolean {
  if (!tx.isTransaction) return false
  const add = hooks.get(tx.getExecutor().adapter)
  return add !== undefined && add(fn)
}
