/**
 * Group commit for PostgreSQL's single-statement writes (`write(fn, { single: true })`, a plain
 * create-order): the inserts submitted in one event-loop turn into the same table with the same
 * columns go to PostgreSQL as one multi-row INSERT — one round trip, one commit, one WAL flush for
 * all of them, where each on its own costs a socket write (~50 µs of syscall on this VM), a
 * backend wake-up and a commit. The SQLite adapter groups its commits the same way
 * (sqlite/group-commit.ts).
 *
 * Each write still succeeds or fails alone: an INSERT statement is atomic, and if the merged one
 * fails (one row breaks a constraint), every statement of the batch runs again on its own, so only
 * the row at fault fails. Each answer is sent after the statement's autocommit, so an acknowledged
 * write is durable. Statements that are not a plain `insert into … values (…)` (no RETURNING, no
 * ON CONFLICT) run as they are, concurrently, without waiting for each other.
 */
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely'
import type { Database } from '../schema.js'
import type pg from 'pg'
import { nameOf } from './prepared.js'

/** `insert into "t" ("a", "b") values ($1, $2)` exactly as Kysely's PostgreSQL compiler writes it. */
const PLAIN_INSERT = /^(insert into "[a-z_]+" \("[a-z_0-9]+"(?:, "[a-z_0-9]+")*\) values )\((\$1(?:, \$\d+)*)\)$/

/** PostgreSQL takes at most 65,535 parameters per statement; rows per statement stay far below. */
const MAX_ROWS = 200

interface Pending {
  query: CompiledQuery
  resolve: (r: QueryResult<unknown>) => void
  reject: (err: unknown) => void
}

type Run = (text: string, values: readonly unknown[]) => Promise<pg.QueryResult>

/** `$<from+1>, …, $<from+n>` */
function placeholders(from: number, n: number): string {
  let s = `$${from + 1}`
  for (let i = 2; i <= n; i++) s += `, $${from + i}`
  return s
}

function toKysely(r: pg.QueryResult): QueryResult<unknown> {
  // What Kysely's own PostgreSQL driver makes of a result.
  if (r.command === 'INSERT' || r.command === 'UPDATE' || r.command === 'DELETE' || r.command === 'MERGE')
    return { numAffectedRows: BigInt(r.rowCount ?? 0), rows: r.rows ?? [] }
  return { rows: r.rows ?? [] }
}

export class StatementBatcher {
  private queue: Pending[] = []
  private scheduled = false

  constructor(private readonly run: Run) {}

  submit(query: CompiledQuery): Promise<QueryResult<unknown>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ query, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  private flush(): void {
    const batch = this.queue
    this.queue = []
    this.scheduled = false
    const groups = new Map<string, Pending[]>()
    for (const p of batch) {
      const m = PLAIN_INSERT.exec(p.query.sql)
      // Merging renumbers the placeholders, so they must be exactly $1, …, $n: one per parameter, in order.
      if (!m || m[2] !== placeholders(0, p.query.parameters.length)) {
        this.runAlone(p)
        continue
      }
      const group = groups.get(m[1]!)
      if (group) group.push(p)
      else groups.set(m[1]!, [p])
    }
    for (const [prefix, group] of groups)
      for (let i = 0; i < group.length; i += MAX_ROWS) this.runMerged(prefix, group.slice(i, i + MAX_ROWS))
  }

  private runAlone(p: Pending): void {
    this.run(p.query.sql, p.query.parameters).then((r) => p.resolve(toKysely(r)), p.reject)
  }

  private runMerged(prefix: string, group: Pending[]): void {
    if (group.length === 1) return this.runAlone(group[0]!)
    const tuples: string[] = []
    const values: unknown[] = []
    for (const p of group) {
      const start = values.length
      tuples.push(`(${placeholders(start, p.query.parameters.length)})`)
      values.push(...p.query.parameters)
    }
    this.run(prefix + tuples.join(', '), values).then(
      () => {
        for (const p of group) p.resolve({ numAffectedRows: 1n, rows: [] })
      },
      // One row at fault fails the whole statement: each runs again alone, so only that one fails.
      () => {
        for (const p of group) this.runAlone(p)
      },
    )
  }
}

/** Runs a statement on the pool as a named prepared statement (see prepared.ts). */
export function poolRunner(pool: pg.Pool): Run {
  return (text, values) => pool.query({ name: nameOf(text), text, values: values as unknown[] })
}

/**
 * A Kysely instance whose every statement goes through `batcher`, outside any transaction. It has no
 * transactions: write(fn, { single: true }) runs exactly one statement.
 */
export function batchingKysely(batcher: StatementBatcher): Kysely<Database> {
  const connection: DatabaseConnection = {
    executeQuery: <R>(query: CompiledQuery) => batcher.submit(query) as Promise<QueryResult<R>>,
    streamQuery: () => {
      throw new Error('the statement batcher does not stream')
    },
  }
  const noTransactions = (): Promise<void> => Promise.reject(new Error('the statement batcher has no transactions'))
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: noTransactions,
    commitTransaction: noTransactions,
    rollbackTransaction: noTransactions,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  }
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
}
