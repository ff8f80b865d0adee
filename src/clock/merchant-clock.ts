/**
 * Per-merchant simulated time: real time plus an offset the merchant can advance
 * (POST /_sandbox/clock). Offsets live in the database (merchant_clocks) so they survive restarts
 * and are shared by every process on one database; this class keeps a cache so `now()` stays
 * synchronous, and `refresh()` re-reads it (a poller calls it, for other processes' advances).
 * On PostgreSQL — where another process may have advanced the clock a moment ago — every
 * authenticated request first calls `sync(merchant)`, one primary-key read, so a client that
 * advances the clock through one process and then calls another sees the new time at once.
 * Time only moves forward: an offset never decreases, in the cache or in the database.
 */
import { sql } from 'kysely'
import type { Store } from '../store/store.js'
import type { Db } from '../store/schema.js'
import type { Clock } from './clock.js'

export class MerchantClock implements Clock {
  private offsets = new Map<string, number>()

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

  /** Re-reads one merchant's offset when other processes may move it (PostgreSQL); free on SQLite. */
  async sync(merchantId: string): Promise<void> {
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
    const current = this.now(merchantId)
    if (to <= current) return current
    const offset = this.offset(merchantId) + (to - current)
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
    this.offsets.set(merchantId, offset)
    return this.now(merchantId)
  }
}
