/**
 * The store interface every adapter implements (SQLite now; PostgreSQL plugs in behind the same
 * shape). Domain code reads through `db` and changes state only inside `write(fn)`: everything one
 * operation writes — its rows, its events, its idempotency record — commits together or not at all.
 */
import type { Kysely } from 'kysely'
import type { Database, Db } from './schema.js'

export interface Store {
  readonly dialect: 'sqlite' | 'postgres'
  /** For reads. Never sees another operation's uncommitted writes. */
  readonly db: Kysely<Database>
  /**
   * Runs `fn` atomically and resolves only once its writes are durable. If `fn` throws, none of
   * its writes happen and the error propagates; other operations are unaffected.
   */
  write<T>(fn: (tx: Db) => Promise<T>): Promise<T>
  close(): Promise<void>
}
