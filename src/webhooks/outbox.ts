/**
 * Transactional outbox: an event row is written in the same transaction as the state change it
 * announces (on PostgreSQL with a second row saying its deliveries are still to be written; SQLite
 * finds such events by their rowid, fanout.ts). So an event is never lost, never announces a
 * change that rolled back, and its deliveries survive any crash after COMMIT. fanout.ts later
 * writes one delivery per subscribed active webhook, copying the webhook's URL and secret as they
 * were when the event happened: retries are signed with that secret (RT:webhooks/validate-test.md).
 * An event that no active webhook of the merchant subscribes to when it happens would reach nobody,
 * and is not written at all (subscriptions.ts).
 */
import { newId } from '../shared/ids.js'
import { insertRow, insertRows } from '../store/compiled-insert.js'
import type { Db } from '../store/schema.js'
import { fansOutByCursor } from './fanout.js'
import { ownWork } from '../jobs/own-work.js'
import { wantedEvents } from './subscriptions.js'

export async function recordEvent(
  tx: Db,
  merchantId: string,
  event: string,
  payload: Record<string, { entity: unknown }>,
  now: number,
): Promise<string | null> {
  // One event (every payment.captured, order.paid, …): its row alone, without insertEvents' lists.
  if (!(await wantedEvents(tx, merchantId))(event)) return null
  const id = newId('event')
  ownWork.get(tx)?.events.add(id) // an advance's own announcement (jobs/own-work.ts)
  await insertRow(tx, 'events', { id, merchant_id: merchantId, event, contains: JSON.stringify(Object.keys(payload)), payload: JSON.stringify(payload), created_at: now })
  if (!fansOutByCursor(tx)) await insertRow(tx, 'event_fanouts', { event_id: id, merchant_id: merchantId })
  return id
}

/**
 * Several events announcing one snapshot (a payout processed and, in the same step, updated with
 * its UTR): the payload is serialized once for all of them.
 */
export async function recordEvents(
  tx: Db,
  merchantId: string,
  events: readonly string[],
  payload: Record<string, { entity: unknown }>,
  now: number,
): Promise<void> {
  const wanted = await wantedEvents(tx, merchantId)
  const kept = events.filter(wanted)
  if (kept.length === 0) return
  const contains = JSON.stringify(Object.keys(payload))
  const json = JSON.stringify(payload)
  await insertEvents(tx, merchantId, kept.map((event) => ({ event, contains, payload: json })), now)
}

/** One event of recordEventList: its payload, or the JSON of its one entity already rendered (entityEvent). */
export type EventToRecord = { event: string; payload: Record<string, { entity: unknown }> } | { event: string; contains: string; json: string }

/**
 * An event whose payload is one entity whose JSON the caller has rendered anyway (a created payout's,
 * which is also the response): the payload is that JSON wrapped, byte for byte what
 * JSON.stringify({ [name]: { entity } }) gives, without rendering the entity twice.
 */
export function entityEvent(event: string, name: string, entityJson: string): EventToRecord {
  return { event, contains: JSON.stringify([name]), json: `{${JSON.stringify(name)}:{"entity":${entityJson}}}` }
}

/**
 * Several events of one step, each with its own payload (a payout initiated and its statement line),
 * in this order. A payload given as an object is rendered only if its event is wanted.
 */
export async function recordEventList(tx: Db, merchantId: string, events: readonly EventToRecord[], now: number): Promise<void> {
  const wanted = await wantedEvents(tx, merchantId)
  const kept = events.filter((e) => wanted(e.event))
  if (kept.length === 0) return
  await insertEvents(
    tx,
    merchantId,
    kept.map((e) =>
      'json' in e ? { event: e.event, contains: e.contains, payload: e.json } : { event: e.event, contains: JSON.stringify(Object.keys(e.payload)), payload: JSON.stringify(e.payload) },
    ),
    now,
  )
}

/**
 * The event rows, in one statement (compiled-insert.ts insertRows): ids are taken in list order, and
 * so are rowids, which are the order the outbox fans events out in on SQLite.
 */
async function insertEvents(tx: Db, merchantId: string, events: readonly { event: string; contains: string; payload: string }[], now: number): Promise<string[]> {
  const own = ownWork.get(tx) // an advance's own announcements (jobs/own-work.ts)
  const rows = events.map((e) => ({ id: newId('event'), merchant_id: merchantId, event: e.event, contains: e.contains, payload: e.payload, created_at: now }))
  const ids = rows.map((r) => r.id)
  for (const id of ids) own?.events.add(id)
  await insertRows(tx, 'events', rows)
  // The deliveries are written later, in one batch, by fanout.ts (which also says why).
  if (!fansOutByCursor(tx)) await insertRows(tx, 'event_fanouts', ids.map((id) => ({ event_id: id, merchant_id: merchantId })))
  return ids
}

/** The JSON body Razorpay POSTs for an event (RT:webhooks/payments.md); identical on every retry. */
export function eventEnvelope(e: { id: string; merchant_id: string; event: string; contains: string; payload: string; created_at: number }): string {
  return JSON.stringify({
    entity: 'event',
    account_id: e.merchant_id,
    event: e.event,
    contains: JSON.parse(e.contains) as string[],
    payload: JSON.parse(e.payload) as unknown,
    created_at: e.created_at,
  })
}
