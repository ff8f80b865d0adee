/**
 * Values read from a few tables, kept across requests while none of those tables is written
 * (table-versions.ts says when). For reads every payout makes of rows that almost never change:
 * its payee (fund account and contact) and its merchant's webhook subscriptions. Remembering both
 * was +7.8–9.2 % payout creates per second in three A/B runs (BENCHMARKS.md, 2026-12-08 morning).
 *
 * Only inside a SQLite write transaction; anywhere else `get` just loads. A value is kept with the
 * tables' counters as they were before it was loaded, so a write during the load, or any time
 * after, makes the next `get` load again. Values are shared between callers: they must be treated
 * as read-only (rows are frozen here).
 */
import type { Db } from './schema.js'
import { tableVersionsFor, type TableVersions } from './table-versions.js'

interface Entry<V> {
  value: V
  stamp: number
}

export class TableCache<V> {
  /** Per store (its adapter): tests open several stores, with their own rows, in one process. */
  private readonly stores = new WeakMap<TableVersions, Map<string, Entry<V>>>()

  constructor(
    private readonly tables: readonly string[],
    private readonly max = 1000,
  ) {}

  async get(tx: Db, key: string, load: () => Promise<V>): Promise<V> {
    const versions = tableVersionsFor(tx)
    if (versions === undefined) return load()
    let entries = this.stores.get(versions)
    if (entries === undefined) this.stores.set(versions, (entries = new Map()))
    const stamp = this.stamp(versions)
    const hit = entries.get(key)
    if (hit !== undefined && hit.stamp === stamp) return hit.value
    const value = await load()
    if (typeof value === 'object' && value !== null) Object.freeze(value)
    if (hit === undefined && entries.size >= this.max) entries.delete(entries.keys().next().value as string)
    entries.set(key, { value, stamp })
    return value
  }

  /** The sum of the tables' counters: each only grows, so the sum moves whenever one does. */
  private stamp(versions: TableVersions): number {
    let s = 0
    for (const t of this.tables) s += versions.of(t)
    return s
  }
}
