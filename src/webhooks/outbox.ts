/**
 * Transactional outbox: an event row, and one delivery row per subscribed active webhook, are
 * written in the same transaction as the state change they announce. So an event is never lost,
 * never announces a change that rolled back, and its delivery survives any crash after COMMIT.
 * The delivery copies the webhook's URL and secret as they are now: retries are signed with the
 * secret that was current when the event happened (RT:webhooks/validate-test.md).
 */
import { newId, newIdBody } from '../shared/ids.js'
import type { Db } from '../store/schema.js'

export async function recordEvent(
  tx: Db,
  merchantId: string,
  event: string,
  payload: Record<string, { entity: unknown }>,
  now: number,
): Promise<string> {
  const id = newId('event')
  await tx
    .insertInto('events')
    .values({
      id,
      merchant_id: merchantId,
      event,
      contains: JSON.stringify(Object.keys(payload)),
      payload: JSON.stringify(payload),
      created_at: now,
    })
    .execute()
  const hooks = await tx
    .selectFrom('webhooks')
    .select(['id', 'url', 'secret', 'events'])
    .where('merchant_id', '=', merchantId)
    .where('active', '=', 1)
    .execute()
  for (const h of hooks) {
    const events = JSON.parse(h.events) as string[]
    if (!events.includes(event) && !events.includes('*')) continue
    await tx
      .insertInto('webhook_deliveries')
      .values({
        id: `whd_${newIdBody()}`,
        merchant_id: merchantId,
        event_id: id,
        webhook_id: h.id,
        url: h.url,
        secret: h.secret,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_status: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      })
      .execute()
  }
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
