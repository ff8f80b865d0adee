/**
 * Transactional outbox: an event row is written in the same transaction as the state change it
 * announces (on PostgreSQL with a second row saying its deliveries are still to be written; SQLite
 * finds such events by their rowid, fanout.ts). So an event is never lost, never announces a
 * change that rolled back, and its deliveries survive any crash after COMMIT. fanout.ts later
 * writes one delivery per subscribed active webhook, copying the webhook's URL and secret as they
 * were when the event happened: retries are signed with that secret (RT:webhooks/validate-test.md).
 */
import { newId } from '../shared/ids.js'
import { insertRow } from '../store/compiled-insert.js'
import type { Db } from '../store/schema.js'
import { fansOutByCursor } from './fanout.js'
import { ownWork } from '../jobs/own-work.js'

export async function recordEvent(
  tx: Db,
  merchantId: string,
  event: string,
  payload: Record<string, { entity: unknown }>,
  now: number,
): Promise<string> {
  return insertEvent(tx, merchantId, event, JSON.stringify(Object.keys(payload)), JSON.stringify(payload), now)
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
  const contains = JSON.stringify(Object.keys(payload))
  const json = JSON.stringify(payload)
  for (const event of events) await insertEvent(tx, merchantId, event, contains, json, now)
}

async function insertEvent(tx: Db, merchantId: string, event: string, contains: string, payload: string, now: number): Promise<string> {
  const id = newId('event')
  ownWork.get(tx)?.events.add(id) // an advance's own announcement (jobs/own-work.ts)
  // Two rows on the path of every request that announces something: precompiled (compiled-insert.ts).
  await insertRow(tx, 'events', { id, merchant_id: merchantId, event, contains, payload, created_at: now })
  // The deliveries are written later, in one batch, by fanout.ts (which also says why).
  if (!fansOutByCursor(tx)) await insertRow(tx, 'event_fanouts', { event_id: id, merchant_id: merchantId })
  return id
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
