/**
 * Inserts one row of plain values through SQL compiled once per (dialect, table, columns), for the
 * hot inserts (outbox events, payouts, ledger entries, jobs, idempotency keys). Building and compiling a Kysely insert costs more CPU
 * than SQLite spends storing the row (a profile of create-order with an outbox event: ~12 µs of
 * query building per insert against ~7 µs in SQLite). The statement is the one Kysely itself
 * compiles for the first such row, so dialects, quoting and plugins behave exactly as with
 * `tx.insertInto(table).values(row)`; only the parameters change.
 *
 * Only for rows of plain values (strings, numbers, null): a column whose value is an expression
 * would be compiled into the SQL text and then reused with another row's values.
 */
import type { CompiledQuery, Insertable } from 'kysely'
import type { Database, Db } from './schema.js'

type Plain = string | number | null

const compiled = new WeakMap<object, Map<string, CompiledQuery>>()

/**
 * Adapters whose connection can run a statement synchronously (SQLite): inside a transaction the
 * connection is this transaction's, so the row goes straight to the driver, without Kysely's
 * executor and its promise chain. Keyed by the Kysely instance's adapter, which its transactions share.
 */
/** Runs one statement on the transaction's connection; returns how many rows it changed. */
export type DirectRun = (sql: string, parameters: readonly unknown[]) => { changes: number }

const direct = new WeakMap<object, DirectRun>()

export function registerDirectRun(db: { getExecutor(): { adapter: object } }, run: DirectRun): void {
  direct.set(db.getExecutor().adapter, run)
}

/** The direct runner for statements of `tx`, when it is a transaction of an adapter that has one. */
export function directRunOf(tx: Db): DirectRun | undefined {
  return tx.isTransaction ? direct.get(tx.getExecutor().adapter) : undefined
}

export async function insertRow<T extends keyof Database & string>(tx: Db, table: T, insertable: Insertable<Database[T]>): Promise<void> {
  const row = insertable as Record<string, Plain | undefined>
  // Kysely leaves out columns whose value is undefined; so does the key here.
  const columns = Object.keys(row).filter((c) => row[c] !== undefined)
  const key = `${table}\u0000${columns.join('\u0000')}`
  const executor = tx.getExecutor()
  let byKey = compiled.get(executor.adapter)
  if (!byKey) {
    byKey = new Map()
    compiled.set(executor.adapter, byKey)
  }
  let query = byKey.get(key)
  if (!query) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    query = (tx.insertInto(table) as any).values(row).compile() as CompiledQuery
    // One parameter per column, in column order, or reusing the SQL with other values would be wrong.
    if (query.parameters.length !== columns.length || query.parameters.some((v, i) => v !== row[columns[i]!]))
      throw new Error(`insertRow(${table}): the compiled insert does not take one parameter per column`)
    byKey.set(key, query)
  }
  const parameters = columns.map((c) => row[c])
  const run = directRunOf(tx)
  if (run) run(query.sql, parameters)
  else await tx.executeQuery({ ...query, parameters })
}
