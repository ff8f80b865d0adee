/**
 * Per-merchant simulated time: real time plus an offset the merchant can advance
 * (POST /_sandbox/clock). Offsets live in the database (merchant_clocks) so they survive restarts
 * and are shared by every process on one database; this class keeps a cache so `now()` stays
 * synchronous, and `refresh()` re-reads it (a poller calls it, for other processes' advances).
 * On PostgreSQL — where another process may advance the clock — a move is announced with NOTIFY in
 * the transaction that makes it, and every process LISTENs (`watch()`), so a client that advances
 * the clock through one process and then calls another sees the new time (once that process has
 * read the notification: normally before the next request, see docs/postgres.md). While the listener is
 * down (connection lost), `sync(merchant)` — called for every authenticated request — reads the
 * merchant's offset instead (one primary-key read), so time is never stale, only slower to get.
 * Time only moves forward: an offset never decreases, in the cache or in the database.
 */
import { sql } from 'kysely'
import type { Store } from '../store/store.js'
import type { Db } from '../store/schema.js'
import type { Clock } from './clock.js'

/** The NOTIFY channel of clock moves; payload `<merchant id>:<offset seconds>`. */
const CHANNEL = 'tijori_clock'

export class MerchantClock implements Clock {
  private offsets = new Map<string, number>()
  /** PostgreSQL: true while the NOTIFY listener is connected, so the cache hears every move. */
  private listening = false
  private unwatch: (() => Promise<void>) | null = null

  constructor(
    private readonly store: Store,
    private readonly realNow: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  now(merchantId: string): number {
    return this.realNow() + (this.offsets.get(merchantId) ?? 0)
  }

  offset(merchantId: string): number {
    return this.offsets.get(merchantId) ?? 0
  }

  private raise(merchantId: string, offset: number): void {
    if (offset > (this.offsets.get(merchantId) ?? 0)) this.offsets.set(merchantId, offset)
  }

  /** PostgreSQL: listen for other processes' moves (then re-read everything, to close the gap). */
  async watch(): Promise<void> {
    if (!this.store.listen || this.unwatch) return
    this.unwatch = await this.store.listen(CHANNEL, {
      message: (payload) => {
        const at = payload.lastIndexOf(':')
        const offset = Number(payload.slice(at + 1))
        if (at > 0 && Number.isSafeInteger(offset)) this.raise(payload.slice(0, at), offset)
      },
      // Back after a gap: moves made meanwhile were missed; sync() reads until refresh() has run.
      up: () => void this.refresh().then(() => (this.listening = this.unwatch !== null), () => undefined),
      down: () => (this.listening = false),
    })
    await this.refresh()
    this.listening = true
  }

  async unwatchAll(): Promise<void> {
    const stop = this.unwatch
    this.unwatch = null
    this.listening = false
    await stop?.()
  }

  /**
   * Brings one merchant's offset up to date when another process may have moved it and the listener
   * may have missed it. Returns nothing when there is nothing to wait for (SQLite, or PostgreSQL
   * with the listener up): it runs on every authenticated request, which then needs no promise.
   */
  sync(merchantId: string): Promise<void> | undefined {
    if (this.listening || this.store.dialect !== 'postgres') return undefined
    return this.readThrough(merchantId)
  }

  /**
   * Reads the merchant's offset from the database whether or not the listener is up (PostgreSQL;
   * SQLite has one process's cache). GET /_sandbox/clock uses it: a test that advanced the clock
   * through another process and asks this one must see the move even before its notification
   * arrives (measured: 10–17 % of immediate asks beat it).
   */
  async readThrough(merchantId: string): Promise<void> {
    if (this.store.dialect !== 'postgres') return
    const r = await this.store.db.selectFrom('merchant_clocks').select('offset_seconds').where('merchant_id', '=', merchantId).executeTakeFirst()
    if (r && r.offset_seconds > (this.offsets.get(merchantId) ?? 0)) this.offsets.set(merchantId, r.offset_seconds)
  }

  async refresh(): Promise<void> {
    const rows = await this.store.db.selectFrom('merchant_clocks').selectAll().execute()
    for (const r of rows) {
      if (r.offset_seconds > (this.offsets.get(r.merchant_id) ?? 0)) this.offsets.set(r.merchant_id, r.offset_seconds)
    }
  }

  /**
   * Moves the merchant's clock so that now() >= `to` (never backwards), inside the caller's
   * transaction; the cache changes immediately (the caller holds the merchant's runner lock).
   */
  async moveTo(tx: Db, merchantId: string, to: number): Promise<number> {
    // The stored offset, not only the cache: the cache can be ahead of the database when an earlier
    // run of this same write was thrown away after it raised the cache (a PostgreSQL retry, or a
    // SQLite group-commit batch run again). Then the move must still be written.
    const stored = (await tx.selectFrom('merchant_clocks').select('offset_seconds').where('merchant_id', '=', merchantId).executeTakeFirst())?.offset_seconds ?? 0
    const offset = Math.max(stored, this.offset(merchantId), to - this.realNow())
    if (offset <= stored) return this.now(merchantId)
    await tx
      .insertInto('merchant_clocks')
      .values({ merchant_id: merchantId, offset_seconds: offset })
      // Two processes advancing at once must not move the clock back: keep the larger offset.
      .onConflict((oc) =>
        oc.column('merchant_id').doUpdateSet({
          offset_seconds: sql<number>`CASE WHEN excluded.offset_seconds > merchant_clocks.offset_seconds THEN excluded.offset_seconds ELSE merchant_clocks.offset_seconds END`,
        }),
      )
      .execute()
    // Delivered to every listening process when this transaction commits (never if it rolls back).
    if (this.store.dialect === 'postgres') await sql`SELECT pg_notify(${CHANNEL}, ${`${merchantId}:${offset}`})`.execute(tx)
    this.raise(merchantId, offset) // never below a larger offset another process announced meanwhile
    return this.now(merchantId)
  }
}
