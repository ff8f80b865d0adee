/**
 * Hot reads compiled once. Building and compiling a Kysely select, and running it through Kysely's
 * executor, cost more than SQLite spends answering it: in a profile of a payout replay, two
 * primary-key reads took ~100 µs of a ~170 µs request, of which SQLite itself ~20 µs.
 *
 * `preparedQuery(build)` takes a builder of named parameters. The first call per Kysely instance
 * (i.e. per dialect) builds it with placeholder values, compiles it, and records which parameter
 * went where; later calls only fill in the values. On SQLite the statement then runs straight on
 * the connection, synchronously, whenever that is safe: inside the caller's transaction (the
 * connection is the transaction's), or outside any transaction. While another write transaction
 * holds the connection, a read outside it goes through Kysely, which waits for that transaction, so
 * no read ever sees uncommitted rows.
 *
 * Every bound value must come from `params` and reach the SQL as it is (`where(col, '=', p.id)`,
 * `limit(p.n)`): no arrays, no expressions built from them. A constant is written `sql.lit(…)` (part
 * of the SQL text); any other bound value makes the first call throw.
 */
import type { Compilable, CompiledQuery, Selectable } from 'kysely'
import type { Database, Db } from './schema.js'
import { directRunOf } from './compiled-insert.js'
import { valuesReader } from './values-reader.js'

/** How a SQLite store runs a compiled read directly (registered by sqlite/open.ts). */
export interface DirectReader {
  /** True while a write transaction holds the connection. */
  writing: () => boolean
  /** `outside`: the read is not part of the caller's transaction (sqlite/turn-read.ts). */
  all: (sql: string, parameters: readonly unknown[], outside: boolean) => unknown[]
}

const readers = new WeakMap<object, DirectReader>()

export function registerDirectReader(db: { getExecutor(): { adapter: object } }, reader: DirectReader): void {
  readers.set(db.getExecutor().adapter, reader)
}

type Params = Record<string, string | number | null>

interface Compiled {
  query: CompiledQuery
  /** For each compiled parameter, the name of the value that fills it. */
  slots: string[]
  /**
   * The parameters, in order, from a params object: a reader of this query's own (values-reader.ts),
   * since one `slots.map((n) => params[n])` for every query went megamorphic.
   */
  parameters: (params: Params) => unknown[]
}

export interface PreparedQuery<P extends Params, R> {
  all(db: Db, params: P): Promise<R[]>
  first(db: Db, params: P): Promise<R | undefined>
}

/** Compiles `build` once per Kysely adapter (dialect), with named parameters (see above). */
function namedCompiler<P extends Params>(build: (db: Db, params: P) => Compilable<unknown>): (db: Db, params: P) => Compiled {
  const byAdapter = new WeakMap<object, Compiled>()

  function compile(db: Db, params: P): Compiled {
    // Placeholders that cannot be mistaken for real values, so each compiled parameter says which
    // named value it came from.
    const names = Object.keys(params)
    const marked = Object.fromEntries(names.map((n) => [n, `\u0000param:${n}`])) as unknown as P
    const query = build(db, marked).compile()
    const slots = query.parameters.map((v) => {
      const name = typeof v === 'string' && v.startsWith('\u0000param:') ? v.slice('\u0000param:'.length) : undefined
      if (name === undefined) throw new Error(`preparedQuery: parameter ${String(v)} does not come from a named value`)
      return name
    })
    return { query, slots, parameters: valuesReader<Params>(slots) }
  }

  return (db, params) => {
    const adapter = db.getExecutor().adapter
    let c = byAdapter.get(adapter)
    if (!c) {
      c = compile(db, params)
      byAdapter.set(adapter, c)
    }
    return c
  }
}

export function preparedQuery<P extends Params, R>(build: (db: Db, params: P) => Compilable<R>): PreparedQuery<P, R> {
  const compiled = namedCompiler(build)

  async function all(db: Db, params: P): Promise<R[]> {
    const executor = db.getExecutor()
    const c = compiled(db, params)
    const parameters = c.parameters(params)
    const reader = readers.get(executor.adapter)
    if (reader && (db.isTransaction || !reader.writing())) return reader.all(c.query.sql, parameters, !db.isTransaction) as R[]
    const result = await db.executeQuery<R>({ ...c.query, parameters })
    return result.rows
  }

  return {
    all,
    async first(db, params) {
      return (await all(db, params))[0]
    },
  }
}

export interface PreparedWrite<P extends Params> {
  /** Runs the statement; returns how many rows it changed. */
  run(db: Db, params: P): Promise<number>
}

/**
 * A hot UPDATE or DELETE compiled once, with the same named parameters as preparedQuery. Inside a
 * SQLite transaction it runs straight on the connection (compiled-insert.ts's direct runner, which
 * the group commit's write count sees); anywhere else it goes through Kysely's executor. Built for
 * the payout state changes: a settle job moves 100 payouts in one transaction, and building and
 * compiling each UPDATE with Kysely was ~20 % of that job's CPU.
 */
export function preparedWrite<P extends Params>(build: (db: Db, params: P) => Compilable<unknown>): PreparedWrite<P> {
  const compiled = namedCompiler(build)
  return {
    async run(db, params) {
      const c = compiled(db, params)
      const parameters = c.parameters(params)
      const direct = directRunOf(db)
      if (direct) return direct(c.query.sql, parameters).changes
      const result = await db.executeQuery({ ...c.query, parameters })
      return Number(result.numAffectedRows ?? 0n)
    },
  }
}

/**
 * `select * from <table> where id = ? and merchant_id = ?`, prepared: the finder behind every
 * merchant-scoped fetch by id on a hot path (GET of an order, payment, payout, refund; replays).
 */
export function preparedFindByMerchantAndId<T extends keyof Database & string>(table: T): (db: Db, merchantId: string, id: string) => Promise<Selectable<Database[T]> | undefined> {
  const q = preparedQuery((db, p: { id: string; merchantId: string }) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (db.selectFrom(table) as any).selectAll().where('id', '=', p.id).where('merchant_id', '=', p.merchantId) as Compilable<Selectable<Database[T]>>,
  )
  return (db, merchantId, id) => q.first(db, { id, merchantId })
}
