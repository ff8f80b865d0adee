/**
 * Deferred fan-out (src/webhooks/fanout.ts): a request's transaction writes the event (and, on
 * PostgreSQL, an event_fanouts row), not the deliveries; the deliveries are written later but
 * decided against the webhooks as they were when the event happened.
 */
import { describe, expect, it } from 'vitest'
import { authorizedPayment } from '../support/factories.js'
import { pendingEventIds } from '../../src/webhooks/fanout.js'
import { advance, createWebhook, deliveries, webhookFixture } from './support.js'

const { server, sink } = webhookFixture()

const pendingFanouts = (merchantId: string) => pendingEventIds(server().deps.store.db, merchantId)
const deliveryRows = async (merchantId: string) =>
  server().deps.store.db.selectFrom('webhook_deliveries').select(['event_id', 'webhook_id']).where('merchant_id', '=', merchantId).execute()

describe('deferred fan-out', () => {
  it('a payment writes its event, pending fan-out, no delivery; the delivery log then shows the delivery', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    const w = await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    const events = await server().deps.store.db.selectFrom('events').select(['id', 'event']).where('merchant_id', '=', m.id).execute()
    expect(events.map((e) => e.event)).toEqual(['payment.authorized'])
    // The harness runs no poller: nothing has fanned the event out yet.
    expect(await pendingFanouts(m.id)).toEqual([events[0]!.id])
    expect(await deliveryRows(m.id)).toEqual([])

    const log = await deliveries(m)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ event_id: events[0]!.id, webhook_id: w.id, status: 'pending', attempt_count: 0 })
    expect(await pendingFanouts(m.id)).toEqual([])
    // Reading the log again writes nothing more.
    expect(await deliveries(m)).toHaveLength(1)
    expect(await deliveryRows(m.id)).toHaveLength(1)
  })

  it('an endpoint created after an event does not receive it; one created before does', async () => {
    const m = await server().newMerchant()
    const before = await sink()
    const after = await sink()
    await createWebhook(m, { url: before.url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    expect(await pendingFanouts(m.id)).toHaveLength(1)
    const late = await createWebhook(m, { url: after.url, events: ['payment.authorized'] })
    await advance(m, 1)
    expect(before.received.map((r) => r.body.event)).toEqual(['payment.authorized'])
    expect(after.received).toEqual([])
    // The next event goes to both.
    await authorizedPayment(m)
    await advance(m, 1)
    expect(before.received).toHaveLength(2)
    expect(after.received.map((r) => r.body.event)).toEqual(['payment.authorized'])
    expect((await deliveries(m, `webhook_id=${late.id}`)).length).toBe(1)
  })

  it('an event is signed with the secret of its time, even when the secret changes before its delivery is written', async () => {
    const m = await server().newMerchant()
    const k = await sink('whsec_old')
    const w = await createWebhook(m, { url: k.url, secret: 'whsec_old', events: ['payment.authorized'] })
    await authorizedPayment(m)
    expect(await pendingFanouts(m.id)).toHaveLength(1)
    expect((await m.http('PUT', `/v1/webhooks/${w.id}`, { secret: 'whsec_new' })).status).toBe(200)
    await authorizedPayment(m)
    await advance(m, 1)
    expect(k.received).toHaveLength(2)
    expect(k.received[0]!.signatureValid).toBe(true) // checked against whsec_old
    expect(k.received[1]!.signatureValid).toBe(false)
    k.secret = 'whsec_new'
    const { default: Razorpay } = await import('razorpay')
    const second = k.received[1]!
    expect(Razorpay.validateWebhookSignature(second.raw, String(second.headers['x-razorpay-signature']), 'whsec_new')).toBe(true)
  })

  it('an event before its endpoint was deleted gets a delivery, given up without a POST', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    const w = await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    expect((await m.http('DELETE', `/v1/webhooks/${w.id}`)).status).toBe(200)
    await advance(m, 1)
    expect(k.received).toEqual([])
    const log = await deliveries(m)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ webhook_id: w.id, status: 'failed', last_error: 'webhook was deleted', attempt_count: 0 })
  })

  it('the poller fans out and delivers on its own', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    await createWebhook(m, { url: k.url, secret: 'whsec_test', events: ['payment.authorized'] })
    await authorizedPayment(m)
    server().deps.runner.start(50)
    try {
      await k.waitFor(1, 5000)
      expect(await pendingFanouts(m.id)).toEqual([])
      expect(k.received[0]!.signatureValid).toBe(true)
    } finally {
      await server().deps.runner.stop()
    }
  })
})
