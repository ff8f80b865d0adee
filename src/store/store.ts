/**
 * The store interface every adapter implements (SQLite now; PostgreSQL plugs in behind the same
 * shape). Domain code reads through `db` and changes state only inside `write(fn)`: everything one
 * operation writes — its rows, its events, its idempotency record — commits together or not at all.
 */
import type { Kysely } from 'kysely'
import type { Database, Db } from './schema.js'

export interface WriteOptions {
  /**
   * Operations that spend the same money (one merchant's payouts, transfers, refunds) name the same
   * key, and the adapter runs them one at a time — across every process on PostgreSQL (an advisory
   * lock taken before the transaction starts, so each sees the previous one's commit instead of
   * failing on it and retrying). SQLite has a single writer already and ignores it.
   */
  serializeOn?: string
  /**
   * `fn` runs exactly one statement (e.g. a plain create-order's INSERT), which is atomic on its
   * own. PostgreSQL then runs it outside an explicit transaction: one round trip instead of three
   * (BEGIN, the statement, COMMIT), durable when it returns, and the plain inserts of one
   * event-loop turn into one table share one multi-row INSERT (postgres/statement-batcher.ts,
   * each still failing alone); a second statement fails the write
   * (after the first has committed: the flag is a promise the caller makes, checked so that tests
   * catch a broken one). SQLite commits it with the group as usual.
   */
  single?: boolean
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres'
  /** For reads. Never sees another operation's uncommitted writes. */
  readonly db: Kysely<Database>
  /**
   * Runs `fn` atomically and resolves only once its writes are durable. If `fn` throws, none of
   * its writes happen and the error propagates; other operations are unaffected. `fn` may run more
   * than once (PostgreSQL re-runs it after a serialization failure), so it must not have effects
   * outside the transaction that cannot be repeated.
   */
  write<T>(fn: (tx: Db) => Promise<T>, opts?: WriteOptions): Promise<T>
  /**
   * PostgreSQL only (several processes share the database): delivers every NOTIFY on `channel`,
   * from any process, once it is committed. Resolves when listening; returns a stop function.
   * `down` runs when the listener may miss messages (connection lost), `up` when it is back.
   */
  listen?(channel: string, on: { message: (payload: string) => void; up: () => void; down: () => void }): Promise<() => Promise<void>>
  close(): Promise<void>
}
