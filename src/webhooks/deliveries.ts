/**
 * The delivery log (GET /_sandbox/webhook_deliveries) and replay (POST /_sandbox/events/:id/redeliver).
 * A delivery is one (event, endpoint) pair with its attempts; a replay is a new delivery of the
 * same event — same body, same X-Razorpay-Event-Id — signed with the secret that was current when
 * the event happened (the one its first delivery to that endpoint copied).
 */
import type { Clock } from '../clock/clock.js'
import { badRequest, errors } from '../http/errors.js'
import type { Page } from '../http/pagination.js'
import { isIdOf, newIdBody } from '../shared/ids.js'
import type { Db, WebhookAttemptRow, WebhookDeliveryRow } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { webhookEvents } from '../domain/webhooks/entity.js'
import { webhookStore } from '../domain/webhooks/store.js'
import { subscribes } from './events.js'
import { fanOut, fanOutMerchant } from './fanout.js'

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const

export interface AttemptWire {
  attempted_at: number
  url: string
  status_code: number | null
  latency_ms: number
  error: string | null
  chaos: string | null
}

export interface DeliveryWire {
  id: string
  entity: 'webhook_delivery'
  event_id: string
  event: string
  webhook_id: string
  url: string
  status: string
  attempt_count: number
  next_attempt_at: number | null
  last_status: number | null
  last_error: string | null
  created_at: number
  delivered_at: number | null
  attempts: AttemptWire[]
}

export interface DeliveryFilter {
  event_id?: string
  webhook_id?: string
  status?: string
}

export function newDeliveryId(): string {
  return `whd_${newIdBody()}`
}

function attemptToWire(a: Omit<WebhookAttemptRow, 'id'>): AttemptWire {
  return { attempted_at: a.attempted_at, url: a.url, status_code: a.status_code, latency_ms: a.latency_ms, error: a.error, chaos: a.chaos }
}

export async function renderDeliveries(db: Db, rows: (WebhookDeliveryRow & { event: string })[]): Promise<DeliveryWire[]> {
  const ids = rows.map((r) => r.id)
  const attempts = ids.length
    ? await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', ids).orderBy('id').execute()
    : []
  const byDelivery = new Map<string, AttemptWire[]>()
  for (const a of attempts) {
    const list = byDelivery.get(a.delivery_id) ?? []
    list.push(attemptToWire(a))
    byDelivery.set(a.delivery_id, list)
  }
  return rows.map((d) => ({
    id: d.id,
    entity: 'webhook_delivery',
    event_id: d.event_id,
    event: d.event,
    webhook_id: d.webhook_id,
    url: d.url,
    status: d.status,
    attempt_count: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.next_attempt_at : null,
    last_status: d.last_status,
    last_error: d.last_error,
    created_at: d.created_at,
    delivered_at: d.delivered_at,
    attempts: byDelivery.get(d.id) ?? [],
  }))
}

export async function listDeliveries(store: Store, merchantId: string, filter: DeliveryFilter, page: Page): Promise<DeliveryWire[]> {
  if (filter.status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(filter.status))
    throw badRequest('The selected status is invalid.', { field: 'status' })
  await fanOutMerchant(store, merchantId) // the log shows every event's deliveries, however recent
  const rows = await deliveryLogQuery(store.db, merchantId, filter, page).execute()
  return renderDeliveries(store.db, rows)
}

/** One page of the delivery log, newest first: walks webhook_deliveries_merchant_created (migration 0011). */
export function deliveryLogQuery(db: Db, merchantId: string, filter: DeliveryFilter, page: Page) {
  let q = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.event')
    .where('d.merchant_id', '=', merchantId)
  if (filter.event_id !== undefined) q = q.where('d.event_id', '=', filter.event_id)
  if (filter.webhook_id !== undefined) q = q.where('d.webhook_id', '=', filter.webhook_id)
  if (filter.status !== undefined) q = q.where('d.status', '=', filter.status)
  if (page.from !== null) q = q.where('d.created_at', '>=', page.from)
  if (page.to !== null) q = q.where('d.created_at', '<=', page.to)
  return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(page.count).offset(page.skip)
}

/**
 * Queues a new delivery of an event, due now, to every active endpoint of the merchant subscribed
 * to it (or to one endpoint, `webhookId`, which must be active). Returns the new deliveries.
 */
export async function redeliverEvent(
  ctx: { store: Store; clock: Clock },
  merchantId: string,
  eventId: string,
  webhookId?: string,
): Promise<DeliveryWire[]> {
  if (!isIdOf('event', eventId)) throw errors.invalidId(eventId)
  return ctx.store.write(async (tx) => {
    await fanOut(tx, { merchantId }) // so that the event's first deliveries (and their secrets) exist
    const event = await tx.selectFrom('events').selectAll().where('id', '=', eventId).where('merchant_id', '=', merchantId).executeTakeFirst()
    if (!event) throw errors.notFound()
    let hooks = await webhookStore.listActive(tx, merchantId)
    if (webhookId !== undefined) {
      hooks = hooks.filter((h) => h.id === webhookId)
      if (hooks.length === 0) throw badRequest('The webhook_id must be an active webhook of this account.', { field: 'webhook_id' })
    } else {
      hooks = hooks.filter((h) => subscribes(webhookEvents(h), event.event))
    }
    const now = ctx.clock.now(merchantId)
    const rows: (WebhookDeliveryRow & { event: string })[] = []
    for (const h of hooks) {
      // Signed with the secret of the event's time: the one its earlier delivery to this endpoint copied.
      const earlier = await tx
        .selectFrom('webhook_deliveries')
        .select('secret')
        .where('event_id', '=', event.id)
        .where('webhook_id', '=', h.id)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
      const row: WebhookDeliveryRow = {
        id: newDeliveryId(),
        merchant_id: merchantId,
        event_id: event.id,
        webhook_id: h.id,
        url: h.url,
        secret: earlier ? earlier.secret : h.secret,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_status: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      }
      await tx.insertInto('webhook_deliveries').values(row).execute()
      rows.push({ ...row, event: event.event })
    }
    return renderDeliveries(tx, rows)
  })
}
