/**
 * Whether another connection committed to the file since the last call: SQLite's
 * `PRAGMA data_version` changes exactly then (this connection's own commits leave it alone). Run as
 * a transaction's first statement it also takes that transaction's snapshot, so the answer holds
 * for everything the transaction reads. Each caller keeps its own last value: the turn read
 * transaction (turn-read.ts) and the write transactions (open.ts) ask at different times.
 */
import type BetterSqlite3 from 'better-sqlite3'

export function otherCommitsSince(raw: BetterSqlite3.Database): () => boolean {
  const dataVersion = raw.prepare('PRAGMA data_version').pluck()
  let last: unknown = null
  return () => {
    const v = dataVersion.get()
    if (v === last) return false
    last = v
    return true
  }
}
