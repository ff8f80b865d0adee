/**
 * Deferred fan-out: the second half of the outbox. recordEvent() writes the event and an
 * event_fanouts row in the transaction of the change it announces; fanOut() later turns that row
 * into one webhook_deliveries row per active webhook subscribed to the event and deletes it, in one
 * transaction. So a request pays for two small inserts, not for reading the merchant's webhooks and
 * writing a delivery per endpoint, and a crash anywhere leaves either the row (fanned out after
 * restart) or the deliveries (never both, never neither).
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

/**
 * Fans out pending events inside `tx`: all of one merchant's (`merchantId`), or up to `limit` of any
 * merchant's. Rows another process is fanning out this instant are skipped when `skipLocked`
 * (the poller); otherwise the transaction waits for them (and, on PostgreSQL, re-runs and finds them
 * gone). Returns how many events were fanned out.
 */
export async function fanOut(tx: Db, opts: { merchantId?: string; limit?: number; skipLocked?: boolean }): Promise<number> {
  let q = tx
    .selectFrom('event_fanouts as f')
    .innerJoin('events as e', 'e.id', 'f.event_id')
    .select(['e.id', 'e.merchant_id', 'e.event', 'e.created_at'])
    .orderBy('f.event_id')
  if (opts.merchantId !== undefined) q = q.where('f.merchant_id', '=', opts.merchantId)
  if (opts.limit !== undefined) q = q.limit(opts.limit)
  const locked = q.forUpdate('f')
  const pending = await (opts.skipLocked ? locked.skipLocked() : locked).execute()
  if (pending.length === 0) return 0

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
  const ids = pending.map((e) => e.id)
  for (let i = 0; i < ids.length; i += 500) await tx.deleteFrom('event_fanouts').where('event_id', 'in', ids.slice(i, i + 500)).execute()
  return pending.length
}

/** Whether any event waits to be fanned out (of one merchant, or of anyone): a read, no transaction. */
export async function hasPendingFanout(db: Db, merchantId?: string): Promise<boolean> {
  let q = db.selectFrom('event_fanouts').select('event_id').limit(1)
  if (merchantId !== undefined) q = q.where('merchant_id', '=', merchantId)
  return (await q.executeTakeFirst()) !== undefined
}

/** Fans out one merchant's pending events, if any, before its deliveries are read. */
export async function fanOutMerchant(store: Store, merchantId: string): Promise<void> {
  if (!(await hasPendingFanout(store.db, merchantId))) return
  await store.write((tx) => fanOut(tx, { merchantId }))
}
