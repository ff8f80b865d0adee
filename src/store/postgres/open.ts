/**
 * The PostgreSQL adapter (TIJORI_DB=postgres://…), for several Tijori processes on one database.
 *
 * Every write() is one REPEATABLE READ transaction (a snapshot), re-run from the start on a
 * serialization failure, deadlock or unique violation. What keeps each operation's read-check-write
 * right across processes:
 *   - state transitions and counters (a payment captured, an amount refunded, an order paid) update
 *     the row they read: of two processes changing one row, the second fails and re-runs on the
 *     first's result (first updater wins);
 *   - idempotency keys are claimed under a unique index: the loser re-runs and replays the winner;
 *   - a balance that is read and then spent is taken with an explicit row lock first (lockMoney in
 *     src/ledger/ledger.ts; RazorpayX accounts change by a conditional UPDATE of their balance row);
 *   - operations that spend the same money name a `serializeOn` key: a session advisory lock taken
 *     *before* BEGIN, so the transaction's snapshot already holds the previous holder's commit —
 *     twenty payouts from one account queue up instead of failing on each other and retrying.
 * SERIALIZABLE was the first design; its page-level predicate locks made unrelated payments of one
 * merchant abort each other (2 rollbacks per commit in the full-flow benchmark), so money relies on
 * explicit locks instead — which is also what the Jepsen findings on PostgreSQL's SSI advise.
 * COMMIT returns after the WAL flush (synchronous_commit=on): an acknowledged write is durable.
 * PostgreSQL groups concurrent commits itself, so no application-level group commit is needed.
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
import { StatementBatcher, batchingKysely, poolRunner } from './statement-batcher.js'

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
      if (!isRetryable(err, n) || n >= MAX_ATTEMPTS) throw err
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

  const transaction = <T>(fn: (tx: Db) => Promise<T>): Promise<T> => db.transaction().setIsolationLevel('repeatable read').execute(fn)
  // The lock is on the connection (session), so it spans BEGIN … COMMIT and the retries; hashtextextended
  // maps the key to the 64-bit advisory lock space.
  const serialized = <T>(key: string, fn: (tx: Db) => Promise<T>): Promise<T> =>
    local.run(key, () =>
      db.connection().execute(async (conn) => {
        await sql`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`.execute(conn)
        try {
          return await withRetry(() => conn.transaction().setIsolationLevel('repeatable read').execute(fn))
        } finally {
          await sql`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn)
        }
      }),
    )

  // write(fn, {single}): autocommit statements, the inserts of one event-loop turn merged into one
  // (statement-batcher.ts), with a guard that refuses a second statement.
  const batched = batchingKysely(new StatementBatcher(poolRunner(pool)))
  const singleStatement = (): Db => {
    let ran = 0
    return batched.withPlugin({
      transformQuery: ({ node }) => node,
      transformResult: async ({ result }) => {
        if (++ran > 1) throw new Error('write(fn, { single: true }) ran more than one statement')
        return result
      },
    })
  }

  return {
    dialect: 'postgres',
    db,
    async write<T>(fn: (tx: Db) => Promise<T>, opts?: WriteOptions): Promise<T> {
      running++
      try {
        if (opts?.single && !opts.serializeOn) return await withRetry(() => fn(singleStatement()))
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
