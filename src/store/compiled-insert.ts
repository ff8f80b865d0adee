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
import { valuesReader } from './values-reader.js'

type Plain = string | number | null

const compiled = new WeakMap<object, Map<string, CompiledQuery>>()

/** Runs one statement on the transaction's connection; returns how many rows it changed. */
export type DirectRun = (sql: string, parameters: readonly unknown[]) => { changes: number }

/**
 * Adapters whose connection can run a statement synchronously (SQLite): inside a transaction the
 * connection is this transaction's, so the row (or a prepared write, prepared-query.ts) goes straight
 * to the driver, without Kysely's executor and its promise chain. Keyed by the Kysely instance's
 * adapter, which its transactions share.
 */
const direct = new WeakMap<object, DirectRun>()

export function registerDirectRun(db: { getExecutor(): { adapter: object } }, run: DirectRun): void {
  direct.set(db.getExecutor().adapter, run)
}

/** The direct runner for statements of `tx`, when it is a transaction of an adapter that has one. */
export function directRunOf(tx: Db): DirectRun | undefined {
  return tx.isTransaction ? direct.get(tx.getExecutor().adapter) : undefined
}

/**
 * A row shape: the keys of the row objects one call site passes (Object.keys, in order), with a
 * reader of their values of its own (values-reader.ts: one `columns.map((c) => row[c])` for every
 * table went megamorphic) and the insert compiled for them.
 */
interface Shape {
  keys: string[]
  values: (row: Record<string, Plain | undefined>) => unknown[]
  /** The insert of every key, compiled on first use (when no value is undefined). */
  query?: CompiledQuery
  /** Multi-row inserts of every key (insertRows), by row count. */
  multi?: Map<number, CompiledQuery>
}

const shapes = new WeakMap<object, Map<string, Shape[]>>()
/** Shapes kept per table: call sites are few, but be safe. */
const MAX_SHAPES = 16

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** `map.get(key)`, first set to `make()` if absent. */
function entry<K, V>(map: { get(k: K): V | undefined; set(k: K, v: V): unknown }, key: K, make: () => V): V {
  let v = map.get(key)
  if (v === undefined) {
    v = make()
    map.set(key, v)
  }
  return v
}

function shapeOf(adapter: object, table: string, keys: string[]): Shape {
  const list = entry(entry(shapes, adapter, () => new Map<string, Shape[]>()), table, (): Shape[] => [])
  for (const s of list) if (sameKeys(s.keys, keys)) return s
  const shape: Shape = { keys, values: valuesReader(keys) }
  if (list.length >= MAX_SHAPES) list.shift()
  list.push(shape)
  return shape
}

/** The insert of `columns` (the row's defined ones, in order), compiled once per adapter. */
function compiledFor(tx: Db, adapter: object, table: string, columns: string[], row: Record<string, Plain | undefined>): CompiledQuery {
  const key = `${table}\u0000${columns.join('\u0000')}`
  const byKey = entry(compiled, adapter, () => new Map<string, CompiledQuery>())
  let query = byKey.get(key)
  if (!query) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    query = (tx.insertInto(table as keyof Database & string) as any).values(row).compile() as CompiledQuery
    // One parameter per column, in column order, or reusing the SQL with other values would be wrong.
    if (query.parameters.length !== columns.length || query.parameters.some((v, i) => v !== row[columns[i]!]))
      throw new Error(`insertRow(${table}): the compiled insert does not take one parameter per column`)
    byKey.set(key, query)
  }
  return query
}

/** The multi-row insert of `rows` (all of `shape`, no value undefined), compiled once per row count. */
function compiledMulti(tx: Db, table: string, shape: Shape, rows: Record<string, Plain | undefined>[], parameters: unknown[]): CompiledQuery {
  const multi = (shape.multi ??= new Map<number, CompiledQuery>())
  let query: CompiledQuery | undefined = multi.get(rows.length)
  if (!query) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    query = (tx.insertInto(table as keyof Database & string) as any).values(rows).compile() as CompiledQuery
    if (query.parameters.length !== parameters.length || query.parameters.some((v, i) => v !== parameters[i]))
      throw new Error(`insertRows(${table}): the compiled insert does not take one parameter per column and row`)
    multi.set(rows.length, query)
  }
  return query
}

/** Row counts that get a multi-row statement of their own; longer lists go in chunks of the largest. */
const MAX_MULTI_ROWS = 8

/**
 * Inserts rows of one shape (same keys, in the same order) in one statement: a payout's ledger
 * entries and its events are each one INSERT … VALUES (…), (…) instead of one statement per row
 * (each statement is a call into the driver, a bind and a step: ~3–5 µs under load). Rows go in in
 * list order, so rowids (the outbox's commit order) follow it. Rows of different shapes, or with an
 * undefined value, are inserted one by one.
 */
export async function insertRows<T extends keyof Database & string>(tx: Db, table: T, insertables: readonly Insertable<Database[T]>[]): Promise<void> {
  const rows = insertables as readonly Record<string, Plain | undefined>[]
  if (rows.length <= 1) return rows.length === 1 ? insertRow(tx, table, insertables[0]!) : undefined
  const adapter = tx.getExecutor().adapter
  const shape = shapeOf(adapter, table, Object.keys(rows[0]!))
  const parameters: unknown[] = []
  for (const row of rows) {
    const values = shape.values(row)
    if (values.includes(undefined) || !sameKeys(shape.keys, Object.keys(row))) {
      for (const r of rows) await insertRow(tx, table, r as Insertable<Database[T]>)
      return
    }
    for (const v of values) parameters.push(v)
  }
  const width = shape.keys.length
  const run = directRunOf(tx)
  for (let from = 0; from < rows.length; from += MAX_MULTI_ROWS) {
    const chunk = rows.slice(from, from + MAX_MULTI_ROWS)
    const params = parameters.slice(from * width, (from + chunk.length) * width)
    const query = compiledMulti(tx, table, shape, chunk, params)
    if (run) run(query.sql, params)
    else await tx.executeQuery({ ...query, parameters: params })
  }
}

export async function insertRow<T extends keyof Database & string>(tx: Db, table: T, insertable: Insertable<Database[T]>): Promise<void> {
  const row = insertable as Record<string, Plain | undefined>
  const adapter = tx.getExecutor().adapter
  const shape = shapeOf(adapter, table, Object.keys(row))
  let parameters = shape.values(row)
  let query: CompiledQuery
  if (parameters.includes(undefined)) {
    // Kysely leaves out columns whose value is undefined; so does the insert here.
    const values = parameters
    query = compiledFor(tx, adapter, table, shape.keys.filter((_, i) => values[i] !== undefined), row)
    parameters = values.filter((v) => v !== undefined)
  } else {
    query = shape.query ??= compiledFor(tx, adapter, table, shape.keys, row)
  }
  const run = directRunOf(tx)
  if (run) run(query.sql, parameters)
  else await tx.executeQuery({ ...query, parameters })
}
