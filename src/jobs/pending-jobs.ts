/**
 * Jobs this process knows to be pending, so that an operation that must make sure one is pending
 * need not read the jobs table every time. Every payout asks twice: is its settle second's job
 * pending, and is its merchant's key purge? Without those two reads payout creates ran ~10 % faster
 * in an A/B (BENCHMARKS.md, 2026-12-07).
 *
 * The knowledge is only ever "a pending job of this kind exists for this merchant (and second)",
 * and it is never ahead of the database:
 *  - it is recorded after the COMMIT of the transaction that found or scheduled the job
 *    (store/after-commit.ts), never for one that rolled back;
 *  - the runner forgets a merchant's entries of a kind when it starts running a job of that kind
 *    for the merchant, inside that job's transaction, before its handler runs; cancelJobs forgets a
 *    kind for every merchant. A job can stop being pending in no other way.
 * After-commit hooks exist on SQLite only, where this process is the one that runs jobs; on
 * PostgreSQL another process may run them, nothing is recorded, and every check reads the table.
 * One set per database (keyed by the Kysely adapter, as compiled-insert.ts does), bounded.
 */
import { afterCommit } from '../store/after-commit.js'
import type { Db } from '../store/schema.js'

/** Entries kept per database: a merchant's pending settle seconds (at most ~60 each) and its purge job. */
const MAX_ENTRIES = 10_000

class PendingJobs {
  /** kind → merchant → the keys (a run_at, or '') known to be pending. */
  private byKind = new Map<string, Map<string, Set<string>>>()
  private size = 0

  has(merchantId: string, kind: string, key: string): boolean {
    return this.byKind.get(kind)?.get(merchantId)?.has(key) ?? false
  }

  add(merchantId: string, kind: string, key: string): void {
    if (this.size >= MAX_ENTRIES) this.clear()
    let merchants = this.byKind.get(kind)
    if (!merchants) this.byKind.set(kind, (merchants = new Map()))
    let keys = merchants.get(merchantId)
    if (!keys) merchants.set(merchantId, (keys = new Set()))
    if (!keys.has(key)) {
      keys.add(key)
      this.size++
    }
  }

  forget(merchantId: string, kind: string): void {
    const merchants = this.byKind.get(kind)
    const keys = merchants?.get(merchantId)
    if (!keys) return
    this.size -= keys.size
    merchants!.delete(merchantId)
  }

  /** Every merchant's entries of `kind` (cancelJobs: a kind nothing here remembers costs one lookup). */
  forgetKind(kind: string): void {
    const merchants = this.byKind.get(kind)
    if (!merchants) return
    for (const keys of merchants.values()) this.size -= keys.size
    this.byKind.delete(kind)
  }

  clear(): void {
    this.byKind.clear()
    this.size = 0
  }
}

const sets = new WeakMap<object, PendingJobs>()

function pendingJobs(tx: Db): PendingJobs {
  const adapter = tx.getExecutor().adapter
  let set = sets.get(adapter)
  if (!set) sets.set(adapter, (set = new PendingJobs()))
  return set
}

/** Whether a pending job of `kind` for the merchant (and `key`, e.g. its run_at) is known to exist. */
export function knownPending(tx: Db, merchantId: string, kind: string, key = ''): boolean {
  return pendingJobs(tx).has(merchantId, kind, key)
}

/** Remembers, once `tx`'s operation commits, that such a job is pending (it found or scheduled one). */
export function rememberPending(tx: Db, merchantId: string, kind: string, key = ''): void {
  const set = pendingJobs(tx)
  afterCommit(tx, () => set.add(merchantId, kind, key))
}

/** The runner, starting a job: its merchant's entries of its kind may no longer hold. */
export function forgetPending(tx: Db, merchantId: string, kind: string): void {
  pendingJobs(tx).forget(merchantId, kind)
}

/** Jobs of `kind` cancelled (for any merchant): forget them all. */
export function forgetPendingKind(tx: Db, kind: string): void {
  pendingJobs(tx).forgetKind(kind)
}
