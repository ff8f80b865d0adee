/**
 * Prepared-statement cache for Kysely's SQLite driver. Kysely calls `db.prepare(sql)` for every
 * query; preparing was ~15% of the CPU of a simple GET in a profile. Kysely compiles the same query
 * shape to the same SQL text with parameters separate, so caching by SQL text reuses statements.
 * Bounded: dynamic SQL (e.g. `IN (?, ?, …)` of varying length) cannot grow it without limit.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import { writtenTable, type TableWriteCounters } from '../table-versions.js'

const MAX_STATEMENTS = 1000

export interface CachedStatements extends SqliteDatabase {
  /**
   * How many statements that can change the database (not `stmt.readonly`; `stmt.reader` would miss
   * an UPDATE … RETURNING) have been handed out. Every caller runs the statement it prepares at once
   * (Kysely's driver, directRun), so this moves exactly when a write may have run: group commit uses
   * it to tell a failed operation that wrote nothing.
   */
  writes(): number
  /** Counts a write run on the connection outside this cache (row-reader.ts runs an UPDATE … RETURNING). */
  countWrite(): void
}

interface Cached {
  stmt: BetterSqlite3.Statement
  /** The table its run writes, '*' for any, null for none (table-versions.ts). */
  writes: string | null
}

/**
 * `counters`, when given, are moved for the table each statement writes, just before it runs
 * (table-versions.ts).
 */
export function withStatementCache(raw: BetterSqlite3.Database, beforeEach: () => void = () => {}, counters?: TableWriteCounters): CachedStatements {
  const cache = new Map<string, Cached>()
  let writes = 0
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      beforeEach()
      let c = cache.get(sql)
      if (c === undefined) {
        const stmt = raw.prepare(sql)
        c = { stmt, writes: writtenTable(sql, stmt.readonly) }
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string)
        cache.set(sql, c)
      }
      if (!c.stmt.readonly) writes++
      counters?.ran(c.writes)
      return c.stmt as unknown as SqliteStatement
    },
    writes: () => writes,
    countWrite: () => {
      writes++
    },
  }
}
