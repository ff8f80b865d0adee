/**
 * Tests that read the outbox must subscribe the merchant first: an event no active webhook
 * subscribes to is never written (src/webhooks/subscriptions.ts), so without a subscription an
 * assertion that an event is absent would hold for the wrong reason.
 */
import type { Db } from '../../src/store/schema.js'

export async function expectSubscribedToAll(db: Db, merchantId: string): Promise<void> {
  const hooks = await db.selectFrom('webhooks').select('events').where('merchant_id', '=', merchantId).where('active', '=', 1).execute()
  if (!hooks.some((h) => (JSON.parse(h.events) as string[]).includes('*')))
    throw new Error(`merchant ${merchantId} has no active webhook subscribed to every event: start the server with startTestServer({ subscribeAll: true })`)
}
