/**
 * Deferred fan-out: the second half of the outbox. recordEvent() writes the event in the
 * transaction of the change it announces; fanOut() later turns each pending event into one
 * webhook_deliveries row per active webhook subscribed to it, in one transaction. So a request pays
 * for the event row, not for reading the merchant's webhooks and writing a delivery per endpoint,
 * and a crash anywhere leaves the event either pending (fanned out after restart) or with its
 * deliveries (never both, never neither).
 *
 * Which events are pending depends on the database:
 *  - PostgreSQL: those with an event_fanouts row, written with the event and deleted here.
 *  - SQLite: those after the cursor (events.seq > event_fanout_cursor.seq, migration 0010). SQLite
 *    has one writer at a time, so rowids are taken in commit order and no event can appear behind
 *    the cursor later; the event needs no second row. (Rows left in event_fanouts from before that
 *    migration are drained as on PostgreSQL.) The cursor is one for all merchants, so on SQLite a
 *    merchant's fan-out also fans out everyone else's pending events: early, which is harmless.
 *
 * Which endpoints receive an event is decided against the webhooks as they were when it happened:
 * every change to a merchant's webhooks (create, edit, delete, disable) first fans out that
 * merchant's pending events in its own transaction, so an endpoint created after an event never
 * receives it, and a secret rotated after an event does not sign it. Readers of deliveries (the
 * delivery log, redelivery, the dispatcher) fan out first too, so they never miss one.
 *
 * The delivery is due at the event's time on the merchant's clock, as if it had been written with
 * the event.
 */
import { SqliteAdapter, sql } from 'kysely'
import { preparedQuery, preparedWrite } from '../store/prepared-query.js'
import { newIdBody } from '../shared/ids.js'
import type { Db, WebhookDeliveryRow } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { subscribes } from './events.js'

/** Events fanned out per transaction by the dispatcher's poller. */
export const FANOUT_BATCH = 500

interface Hook {
  id: string
  url: string
  secret: string | null
  events: string[]
}

/** Whether pending events are found by the cursor (SQLite) rather than by event_fanouts rows. */
export function fansOutByCursor(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter
}

interface PendingEvent {
  id: string
  merchant_id: string
  event: string
  created_at: number
}

/**
 * Fans out pending events inside `tx`: all of one merchant's (`merchantId`; on SQLite everyone's),
 * or up to `limit` of any merchant's. Rows another process is fanning out this instant are skipped
 * when `skipLocked` (the poller); otherwise the transaction waits for them (and, on PostgreSQL,
 * re-runs and finds them gone). Returns how many events were fanned out.
 */
export async function fanOut(tx: Db, opts: { merchantId?: string; limit?: number; skipLocked?: boolean }): Promise<number> {
  const byRows = await fanOutRows(tx, opts)
  if (!fansOutByCursor(tx)) return byRows
  const limit = opts.limit === undefined ? undefined : opts.limit - byRows
  return limit === undefined || limit > 0 ? byRows + (await fanOutAfterCursor(tx, limit)) : byRows
}

/** Events with an event_fanouts row (PostgreSQL; on SQLite, rows from before migration 0010). */
async function fanOutRows(tx: Db, opts: { merchantId?: string; limit?: number; skipLocked?: boolean }): Promise<number> {
  let q = tx
    .selectFrom('event_fanouts as f')
    .innerJoin('events as e', 'e.id', 'f.event_id')
    .select(['e.id', 'e.merchant_id', 'e.event', 'e.created_at'])
    .orderBy('f.event_id')
  if (opts.merchantId !== undefined && !fansOutByCursor(tx)) q = q.where('f.merchant_id', '=', opts.merchantId)
  if (opts.limit !== undefined) q = q.limit(opts.limit)
  const locked = q.forUpdate('f')
  const pending = await (opts.skipLocked ? locked.skipLocked() : locked).execute()
  if (pending.length === 0) return 0
  await writeDeliveries(tx, pending)
  const ids = pending.map((e) => e.id)
  for (let i = 0; i < ids.length; i += 500) await tx.deleteFrom('event_fanouts').where('event_id', 'in', ids.slice(i, i + 500)).execute()
  return pending.length
}

/**
 * SQLite: the events waiting for their deliveries, those after the cursor. One statement, so the
 * cursor and the events are read from the same snapshot even outside a transaction.
 */
function eventsAfterCursor(db: Db) {
  return db.selectFrom('events').where('seq', '>', (eb) => eb.selectFrom('event_fanout_cursor').select('seq').where('one', '=', sql.lit(1)))
}

function afterCursorQuery(db: Db) {
  return eventsAfterCursor(db).select(['seq', 'id', 'merchant_id', 'event', 'created_at']).orderBy('seq')
}

/** The dispatcher's poll (a limit): prepared, as it runs every few ms while events keep coming. */
const afterCursorBatch = preparedQuery((db, p: { limit: number }) => afterCursorQuery(db).limit(p.limit))
const moveCursor = preparedWrite((db, p: { seq: number }) => db.updateTable('event_fanout_cursor').set({ seq: p.seq }).where('one', '=', sql.lit(1)))

/** SQLite: the events after the cursor, in commit order; the cursor moves past them. */
async function fanOutAfterCursor(tx: Db, limit: number | undefined): Promise<number> {
  const pending = limit === undefined ? await afterCursorQuery(tx).execute() : await afterCursorBatch.all(tx, { limit })
  if (pending.length === 0) return 0
  await writeDeliveries(tx, pending)
  await moveCursor.run(tx, { seq: pending[pending.length - 1]!.seq! })
  return pending.length
}

/** One delivery per active webhook of the event's merchant that subscribes to it. */
async function writeDeliveries(tx: Db, pending: PendingEvent[]): Promise<void> {
  const hooksOf = new Map<string, Hook[]>()
  const deliveries: WebhookDeliveryRow[] = []
  for (const e of pending) {
    let hooks = hooksOf.get(e.merchant_id)
    if (!hooks) {
      const rows = await tx
        .selectFrom('webhooks')
        .select(['id', 'url', 'secret', 'events'])
        .where('merchant_id', '=', e.merchant_id)
        .where('active', '=', 1)
        .orderBy('id')
        .execute()
      hooks = rows.map((h) => ({ ...h, events: JSON.parse(h.events) as string[] }))
      hooksOf.set(e.merchant_id, hooks)
    }
    for (const h of hooks) {
      if (!subscribes(h.events, e.event)) continue
      deliveries.push({
        id: `whd_${newIdBody()}`,
        merchant_id: e.merchant_id,
        event_id: e.id,
        webhook_id: h.id,
        url: h.url,
        secret: h.secret,
        status: 'pending',
        attempts: 0,
        next_attempt_at: e.created_at,
        last_status: null,
        last_error: null,
        created_at: e.created_at,
        delivered_at: null,
      })
    }
  }
  // Chunks keep each INSERT under SQLite's and PostgreSQL's bound-parameter limits (13 per row).
  for (let i = 0; i < deliveries.length; i += 200) await tx.insertInto('webhook_deliveries').values(deliveries.slice(i, i + 200)).execute()
}

/** The ids of the events waiting to be fanned out, oldest first (of one merchant, or of anyone). */
export async function pendingEventIds(db: Db, merchantId?: string): Promise<string[]> {
  let rows = db.selectFrom('event_fanouts').select('event_id as id').orderBy('event_id')
  if (merchantId !== undefined) rows = rows.where('merchant_id', '=', merchantId)
  const ids = (await rows.execute()).map((r) => r.id)
  if (!fansOutByCursor(db)) return ids
  let after = eventsAfterCursor(db).select('id').orderBy('seq')
  if (merchantId !== undefined) after = after.where('merchant_id', '=', merchantId)
  return [...ids, ...(await after.execute()).map((r) => r.id)]
}

/** Whether any event waits to be fanned out (of one merchant, or of anyone): a read, no transaction. */
export async function hasPendingFanout(db: Db, merchantId?: string): Promise<boolean> {
  let q = db.selectFrom('event_fanouts').select('event_id').limit(1)
  if (merchantId !== undefined) q = q.where('merchant_id', '=', merchantId)
  if ((await q.executeTakeFirst()) !== undefined) return true
  if (!fansOutByCursor(db)) return false
  // Everyone's events count: a merchant's fan-out on SQLite fans out everyone's (see the header).
  return (await eventsAfterCursor(db).select('id').limit(1).executeTakeFirst()) !== undefined
}

/** Fans out one merchant's pending events, if any, before its deliveries are read. */
export async function fanOutMerchant(store: Store, merchantId: string): Promise<void> {
  if (!(await hasPendingFanout(store.db, merchantId))) return
  await store.write((tx) => fanOut(tx, { merchantId }))
}
