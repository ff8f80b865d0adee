/**
 * Prepared-statement cache for Kysely's SQLite driver. Kysely calls `db.prepare(sql)` for every
 * query; preparing was ~15% of the CPU of a simple GET in a profile. Kysely compiles the same query
 * shape to the same SQL text with parameters separate, so caching by SQL text reuses statements.
 * Bounded: dynamic SQL (e.g. `IN (?, ?, …)` of varying length) cannot grow it without limit.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

const MAX_STATEMENTS = 1000

export function withStatementCache(raw: BetterSqlite3.Database, beforeEach: () => void = () => {}): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      beforeEach()
      let stmt = cache.get(sql)
      if (stmt === undefined) {
        stmt = raw.prepare(sql)
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string)
        cache.set(sql, stmt)
      }
      return stmt as unknown as SqliteStatement
    },
  }
}
