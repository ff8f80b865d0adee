/**
 * Reads for the hot prepared queries (prepared-query.ts's direct path): rows come from SQLite as
 * arrays (better-sqlite3's raw mode) and become objects through a constructor compiled once per
 * statement from its column names. better-sqlite3 builds each row object natively, one property
 * at a time: for a 28-column payout that was ~12 µs of a ~20 µs fetch by id, against ~4 µs here
 * (measured on this machine; a replayed payout reads two rows).
 *
 * The objects are the same as better-sqlite3's: one property per column, in column order, and the
 * last of two columns with the same name wins.
 */
import type BetterSqlite3 from 'better-sqlite3'

type Row = Record<string, unknown>

interface Entry {
  stmt: BetterSqlite3.Statement<unknown[], unknown[]>
  make: (values: unknown[]) => Row
}

/** Bounded like the statement cache: the SQL of prepared queries is a fixed set, but be safe. */
const MAX_STATEMENTS = 500

/** `new Function` over JSON-quoted column names (SQLite's own, never request data). */
export function rowMaker(columns: readonly string[]): (values: unknown[]) => Row {
  const body = `return {${columns.map((c, i) => `${JSON.stringify(c)}: v[${i}]`).join(', ')}}`
  return new Function('v', body) as (values: unknown[]) => Row
}

interface Result {
  make: (values: unknown[]) => Row
  values: unknown[][]
}

/**
 * How many results are remembered: a few slots, overwritten in turn. It is for the same read
 * repeated (a replay, a poll), not a general cache. The slots are fixed arrays that are written
 * over, never a Map that is cleared: with a Map of 1,000 (or even 4) entries cleared when full,
 * random fetches over 10,000 orders raised the server's RSS from ~110 to ~200 MiB — V8's cleared
 * tables, once old, kept their young entries alive through every scavenge until a full GC.
 */
const SLOTS = 16
export interface RowReader {
  all(sql: string, parameters: readonly unknown[]): Row[]
  /**
   * The same read, answered again from memory while `version` is the one it was read at
   * (turn-read.ts says when versions move): a replayed payout, a polled order. The values are
   * kept, never the objects: each call gets fresh rows, so a caller that changes one changes
   * nothing else. Only lookups are kept (no row or one, in SLOTS slots),
   * not lists, and not a row holding a BLOB (a Buffer, which could be changed in place).
   */
  atVersion(version: number, sql: string, parameters: readonly unknown[]): Row[]
}

/**
 * `onWrite` is told of every statement run through `all` that is not read-only and changed a row: a
 * prepared UPDATE … RETURNING (the business-account balance) runs here, and group commit must know
 * that the operation wrote (statement-cache.ts's write count).
 */
export function rowReader(raw: BetterSqlite3.Database, onWrite: (sql: string) => void = () => {}): RowReader {
  const cache = new Map<string, Entry>()
  const entry = (sql: string): Entry => {
    let e = cache.get(sql)
    if (e === undefined) {
      const stmt = (raw.prepare(sql) as BetterSqlite3.Statement<unknown[], unknown[]>).raw(true)
      e = { stmt, make: rowMaker(stmt.columns().map((c) => c.name)) }
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string)
      cache.set(sql, e)
    }
    return e
  }
  const build = (make: (values: unknown[]) => Row, values: unknown[][]): Row[] => {
    const rows = new Array<Row>(values.length)
    for (let i = 0; i < values.length; i++) rows[i] = make(values[i]!)
    return rows
  }
  const slotSql: (string | null)[] = new Array<string | null>(SLOTS).fill(null)
  const slotParameters: (readonly unknown[])[] = new Array<readonly unknown[]>(SLOTS).fill([])
  const slotResult: (Result | null)[] = new Array<Result | null>(SLOTS).fill(null)
  const slotVersion: number[] = new Array<number>(SLOTS).fill(-1)
  let next = 0
  const same = (a: readonly unknown[], b: readonly unknown[]): boolean => {
    if (a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
    return true
  }
  return {
    all(sql, parameters) {
      const e = entry(sql)
      const values = e.stmt.all(...parameters) as unknown[][] // as arguments: see sqlite/open.ts's direct runner
      // A statement that writes returns data only through RETURNING (all() refuses any other), one
      // row per row it changed: one that returned none changed nothing, so an operation that fails
      // after it (a payout whose conditional debit found the balance short) has nothing to undo and
      // its group-commit batch need not run again (a failing statement changes nothing either).
      if (!e.stmt.readonly && values.length > 0) onWrite(sql)
      return build(e.make, values)
    },
    atVersion(version, sql, parameters) {
      for (let i = 0; i < SLOTS; i++) {
        if (slotVersion[i] === version && slotSql[i] === sql && same(slotParameters[i]!, parameters)) {
          const hit = slotResult[i]!
          return build(hit.make, hit.values)
        }
      }
      const e = entry(sql)
      const values = e.stmt.all(...parameters) as unknown[][]
      if (values.length <= 1 && (values.length === 0 || values[0]!.every((v) => v === null || typeof v !== 'object'))) {
        slotSql[next] = sql
        slotParameters[next] = parameters.slice()
        slotResult[next] = { make: e.make, values }
        slotVersion[next] = version
        next = (next + 1) % SLOTS
      }
      return build(e.make, values)
    },
  }
}
