/**
 * The PostgreSQL adapter (TIJORI_DB=postgres://…), for several Tijori processes on one database.
 *
 * Every write() is one SERIALIZABLE transaction, retried from the start on a serialization failure,
 * deadlock or unique violation — so each operation's read-check-write (a status transition, an
 * amount refunded, an idempotency key) behaves across processes exactly as it does under SQLite's
 * single writer. Money rows are additionally taken with SELECT … FOR UPDATE (see the ledger), so
 * balances stay right even on PostgreSQL versions whose SERIALIZABLE had anomalies. Operations
 * that spend the same money name a `serializeOn` key: they take a session advisory lock on it
 * *before* BEGIN, so the transaction's snapshot already contains the previous holder's commit —
 * twenty payouts from one account queue up instead of failing on each other and retrying. COMMIT returns
 * after the WAL flush (synchronous_commit=on): an acknowledged write is durable. PostgreSQL groups
 * concurrent commits itself, so no application-level group commit is needed.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely'
import type { Database, Db } from '../schema.js'
import type { Store, WriteOptions } from '../store.js'
import { KeyedMutex } from './keyed-mutex.js'
import { migratePostgres, pendingPostgres } from './migrate.js'
import { listen } from './listener.js'
import { createPool } from './pool.js'
import { preparingPool } from './prepared.js'
import { isRetryable, retryDelayMs } from './retry.js'

export interface PostgresOptions {
  url: string
  /** Apply pending migrations on open (default true); false refuses to open an outdated schema. */
  migrate?: boolean
}

const MAX_ATTEMPTS = 12

/** Runs `attempt` again after a retryable failure (serialization, deadlock, unique violation). */
async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (err) {
      if (!isRetryable(err) || n >= MAX_ATTEMPTS) throw err
      await sleep(retryDelayMs(n))
    }
  }
}

export async function openPostgres(opts: PostgresOptions): Promise<Store> {
  const pool = createPool(opts.url)
  try {
    if (opts.migrate === false) {
      const pending = await pendingPostgres(pool)
      if (pending.length > 0) throw new Error(`the database needs migrations (${pending.join(', ')}); run \`tijori migrate\` first`)
    } else {
      await migratePostgres(pool)
    }
  } catch (err) {
    await pool.end().catch(() => undefined)
    throw err
  }
  const slowMs = Number(process.env.TIJORI_SLOW_QUERY_MS ?? NaN)
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    ...(Number.isFinite(slowMs)
      ? {
          log: (e: LogEvent) => {
            if (e.queryDurationMillis >= slowMs) process.stderr.write(`slow query ${e.queryDurationMillis.toFixed(1)} ms: ${e.query.sql}\n`)
          },
        }
      : {}),
  })
  let closed = false
  let running = 0
  let idle: (() => void)[] = []
  const local = new KeyedMutex()

  const transaction = <T>(fn: (tx: Db) => Promise<T>): Promise<T> => db.transaction().setIsolationLevel('serializable').execute(fn)
  // The lock is on the connection (session), so it spans BEGIN … COMMIT and the retries; hashtextextended
  // maps the key to the 64-bit advisory lock space.
  const serialized = <T>(key: string, fn: (tx: Db) => Promise<T>): Promise<T> =>
    local.run(key, () =>
      db.connection().execute(async (conn) => {
        await sql`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`.execute(conn)
        try {
          return await withRetry(() => conn.transaction().setIsolationLevel('serializable').execute(fn))
        } finally {
          await sql`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn)
        }
      }),
    )

  return {
    dialect: 'postgres',
    db,
    async write<T>(fn: (tx: Db) => Promise<T>, opts?: WriteOptions): Promise<T> {
      running++
      try {
        return await (opts?.serializeOn ? serialized(opts.serializeOn, fn) : withRetry(() => transaction(fn)))
      } finally {
        running--
        if (running === 0) for (const r of idle.splice(0)) r()
      }
    },
    listen: (channel, on) => listen(opts.url, channel, on),
    async close() {
      if (closed) return
      closed = true
      if (running > 0) await new Promise<void>((r) => idle.push(r))
      idle = []
      await db.destroy() // ends the pool
    },
  }
}
