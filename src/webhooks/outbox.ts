/**
 * Transactional outbox: an event row is written in the same transaction as the state change it
 * announces, so an event is never lost and never announces a change that rolled back. Delivery to
 * webhook endpoints reads these rows (built in the webhooks issue).
 */
import { newId } from '../shared/ids.js'
import type { Db } from '../store/schema.js'

export async function recordEvent(
  tx: Db,
  merchantId: string,
  event: string,
  payload: Record<string, { entity: unknown }>,
  now: number,
): Promise<void> {
  await tx
    .insertInto('events')
    .values({
      id: newId('event'),
      merchant_id: merchantId,
      event,
      contains: JSON.stringify(Object.keys(payload)),
      payload: JSON.stringify(payload),
      created_at: now,
    })
    .execute()
}
