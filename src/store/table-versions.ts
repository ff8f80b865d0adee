/**
 * Write counters per table, for caches of rows that almost never change (a payee, a merchant's
 * webhook subscriptions) but are read by every payout. A cached value is good while the counters
 * of the tables it was read from have not moved since it was read.
 *
 * Only a SQLite store keeps them (sqlite/open.ts). It is the one writer of its file, and it moves a
 * table's counter:
 *  - before every statement that writes the table (statement-cache.ts names the table from the SQL
 *    text; a write it cannot name moves every table). The schema has no triggers, which would write
 *    tables the SQL does not name (test/store/table-cache.test.ts checks that there are none);
 *  - at every rollback, to a savepoint or of a whole transaction (a value read after a write that
 *    is then undone must not outlive it);
 *  - when a write transaction starts and another connection has committed since the last one
 *    (PRAGMA data_version): a CLI command on the same file.
 * On PostgreSQL other processes write the same tables without telling this one, so no counters are
 * registered and every read goes to the database.
 */
import type { Db } from './schema.js'

export interface TableVersions {
  /** A number that changes whenever `table` may have been written (it only ever grows). */
  of(table: string): number
}

/** Counters one SQLite connection moves (see the header for when). */
export class TableWriteCounters implements TableVersions {
  private readonly counts = new Map<string, number>()
  /** Moves every table at once: a rollback, another connection's commit, a write of no known table. */
  private everything = 0

  of(table: string): number {
    return this.everything + (this.counts.get(table) ?? 0)
  }

  /** A statement ran that writes `written`, as writtenTable() names it: a table, '*' for all, null for none. */
  ran(written: string | null): void {
    if (written === null) return
    if (written === '*') this.wroteAny()
    else this.counts.set(written, (this.counts.get(written) ?? 0) + 1)
  }

  wroteAny(): void {
    this.everything++
  }
}

/** By the Kysely instance's adapter, which its transactions share (as after-commit.ts). */
const registry = new WeakMap<object, TableVersions>()

export function registerTableVersions(db: { getExecutor(): { adapter: object } }, versions: TableVersions): void {
  registry.set(db.getExecutor().adapter, versions)
}

/**
 * The counters for reads in `tx`, or undefined where a cache must not be trusted: PostgreSQL, and
 * reads outside a write transaction (another connection's commit is noticed when a write
 * transaction starts, so only a read inside one is sure to be judged against it).
 */
export function tableVersionsFor(tx: Db): TableVersions | undefined {
  return tx.isTransaction ? registry.get(tx.getExecutor().adapter) : undefined
}

const WRITE = /^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?[\s(]/i
const ROLLBACK = /^\s*rollback\b/i

/**
 * What a statement's run does to the counters, decided once per statement from its SQL: the table it
 * writes, '*' for every table (a rollback, or a write whose table the text does not name plainly,
 * such as one behind a WITH), or null for none. `readonly` is SQLite's own verdict
 * (sqlite3_stmt_readonly), which is true for transaction control such as ROLLBACK.
 */
export function writtenTable(sql: string, readonly: boolean): string | null {
  if (readonly) return ROLLBACK.test(sql) ? '*' : null
  const m = WRITE.exec(sql)
  return m ? m[1]!.toLowerCase() : '*'
}
