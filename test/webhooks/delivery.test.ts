/**
 * Webhook delivery, driven by the merchant's clock (POST /_sandbox/clock advance_by runs every
 * attempt that falls due before answering). A local sink records each request and checks its
 * X-Razorpay-Signature with the SDK's Razorpay.validateWebhookSignature.
 */
import { describe, expect, it } from 'vitest'
import Razorpay from 'razorpay'
import { authorizedPayment, capturedPayment } from '../support/factories.js'
import { GIVE_UP_AFTER_S } from '../../src/webhooks/schedule.js'
import { advance, createWebhook, deliveries, webhookFixture } from './support.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

const { server, sink } = webhookFixture()

describe('delivery of payment events', () => {
  it('POSTs payment.authorized, payment.captured and order.paid, signed, with the documented envelope', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    const w = await createWebhook(m, { url: k.url, secret: 'whsec_test', events: ['payment.authorized', 'payment.captured', 'order.paid'] })
    const p = await capturedPayment(m)
    const payment = (await m.http('GET', `/v1/payments/${p.id}?expand[]=card`)).body
    const order = (await m.http('GET', `/v1/orders/${p.orderId}`)).body
    await advance(m, 1)

    expect(k.received.map((r) => r.body.event)).toEqual(['payment.authorized', 'payment.captured', 'order.paid'])
    const log = await deliveries(m)
    for (const r of k.received) {
      expect(r.method).toBe('POST')
      expect(r.path).toBe('/hook')
      expect(r.headers['content-type']).toBe('application/json')
      expect(r.headers['user-agent']).toBe('Razorpay-Webhook/v1')
      expect(r.signatureValid).toBe(true)
      expect(Razorpay.validateWebhookSignature(r.raw, String(r.headers['x-razorpay-signature']), 'wrong')).toBe(false)
      const d = log.find((x) => x.event === r.body.event)
      expect(r.headers['x-razorpay-event-id']).toBe(d.event_id)
      expect(d).toMatchObject({ webhook_id: w.id, status: 'delivered', attempt_count: 1, last_status: 200 })
      // exactly these keys, in this order
      expect(Object.keys(r.body)).toEqual(['entity', 'account_id', 'event', 'contains', 'payload', 'created_at'])
      expect(r.body).toMatchObject({ entity: 'event', account_id: m.id })
      expect(r.body.created_at).toEqual(expect.any(Number))
    }
    const [authorized, captured, paid] = k.received.map((r) => r.body)
    expect(authorized.contains).toEqual(['payment'])
    expect(Object.keys(authorized.payload)).toEqual(['payment'])
    // a snapshot at event time: the payment was authorized then, though captured now
    expect(authorized.payload.payment.entity).toMatchObject({ id: p.id, entity: 'payment', status: 'authorized', captured: false, order_id: p.orderId })
    expect(captured.contains).toEqual(['payment'])
    expect(captured.payload).toEqual({ payment: { entity: payment } })
    expect(paid.contains).toEqual(['payment', 'order'])
    expect(paid.payload).toEqual({ payment: { entity: payment }, order: { entity: order } })
  })

  it('sends only the events a webhook subscribes to, and only to the merchant\'s own webhooks', async () => {
    const a = await server().newMerchant()
    const b = await server().newMerchant()
    const ka = await sink()
    const kb = await sink()
    await createWebhook(a, { url: ka.url, events: ['payment.captured'] })
    await createWebhook(b, { url: kb.url, events: ['payment.captured', 'payment.authorized'] })
    await capturedPayment(a)
    await advance(a, 1)
    await advance(b, 1)
    expect(ka.received.map((r) => r.body.event)).toEqual(['payment.captured'])
    expect(kb.received).toEqual([])
  })

  it('omits X-Razorpay-Signature when the webhook has no secret', async () => {
    const m = await server().newMerchant()
    const k = await sink(null)
    await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    await advance(m, 1)
    expect(k.received).toHaveLength(1)
    expect(k.received[0].headers['x-razorpay-signature']).toBeUndefined()
    expect(k.received[0].headers['x-razorpay-event-id']).toMatch(/^evt_[0-9A-Za-z]{14}$/)
  })

  it('fans one event out to every subscribed webhook, each with its own secret', async () => {
    const m = await server().newMerchant()
    const k1 = await sink('one')
    const k2 = await sink('two')
    await createWebhook(m, { url: k1.url, secret: 'one', events: ['payment.authorized'] })
    await createWebhook(m, { url: k2.url, secret: 'two', events: { 'payment.authorized': true } })
    await authorizedPayment(m)
    await advance(m, 1)
    expect(k1.received).toHaveLength(1)
    expect(k2.received).toHaveLength(1)
    expect([k1.received[0].signatureValid, k2.received[0].signatureValid]).toEqual([true, true])
    expect(k1.received[0].raw).toBe(k2.received[0].raw)
    expect(k1.received[0].headers['x-razorpay-event-id']).toBe(k2.received[0].headers['x-razorpay-event-id'])
  })
})

describe('retries', () => {
  it('retries a failing endpoint with backoff: 3 failures then success → one delivery, 4 attempts, one event id', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    k.failNext(3)
    await createWebhook(m, { url: k.url, secret: 'whsec_test', events: ['payment.authorized'] })
    await authorizedPayment(m)
    const t0 = await advance(m, 1)
    expect(k.received).toHaveLength(1)
    let [d] = await deliveries(m)
    expect(d).toMatchObject({ status: 'pending', attempt_count: 1, last_status: 500 })
    // the first retry comes ~5 s (±20%) after the attempt ended. On a loaded machine an attempt may
    // end seconds after it started (attempted_at): allow for its POST's latency, plus one second for
    // the claim before the POST and the clock reading after it.
    const ended = d.attempts[0].attempted_at + Math.ceil(d.attempts[0].latency_ms / 1000)
    expect(d.next_attempt_at - d.attempts[0].attempted_at).toBeGreaterThanOrEqual(4)
    expect(d.next_attempt_at - ended).toBeLessThanOrEqual(6 + 1)

    await advance(m, 600) // 5 s + 30 s + 2 min, each ±20%, fall due on the way
    expect(k.received.map((r) => r.answered)).toEqual([500, 500, 500, 200])
    expect(new Set(k.received.map((r) => r.headers['x-razorpay-event-id'])).size).toBe(1)
    expect(new Set(k.received.map((r) => r.raw)).size).toBe(1)
    expect(k.received.every((r) => r.signatureValid === true)).toBe(true)
    ;[d] = await deliveries(m)
    expect(d).toMatchObject({ status: 'delivered', attempt_count: 4, last_status: 200, last_error: null, next_attempt_at: null })
    expect(d.attempts.map((a: any) => a.status_code)).toEqual([500, 500, 500, 200])
    for (const a of d.attempts) expect(a.latency_ms).toEqual(expect.any(Number))
    // each attempt ran at its own due time on the merchant's clock: gaps grow
    const at = d.attempts.map((a: any) => a.attempted_at)
    const gaps = at.slice(1).map((t: number, i: number) => t - at[i])
    expect(gaps[0]).toBeGreaterThanOrEqual(4)
    expect(gaps[1]).toBeGreaterThanOrEqual(24)
    expect(gaps[2]).toBeGreaterThanOrEqual(96)
    expect(d.delivered_at - at[3]).toBeLessThanOrEqual(1)
    expect(at[3]).toBeLessThan(t0 + 600)

    await advance(m, 3600)
    expect(k.received).toHaveLength(4) // nothing more once delivered
  })

  it('records refused connections as attempts with no status code', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    const url = k.url
    await k.close()
    await createWebhook(m, { url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    await advance(m, 1)
    const [d] = await deliveries(m)
    expect(d).toMatchObject({ status: 'pending', attempt_count: 1, last_status: null })
    expect(d.attempts[0]).toMatchObject({ status_code: null, url, error: expect.stringContaining('ECONNREFUSED') })
  })

  it('treats a redirect or a 4xx as a failure', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    k.failNext(2, 302)
    await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    await advance(m, 60)
    expect(k.received.map((r) => r.answered)).toEqual([302, 302, 200])
  })

  it('gives up after 24 h of the merchant\'s clock: the delivery fails and the webhook is disabled', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    k.status = 503
    const w = await createWebhook(m, { url: k.url, events: ['payment.authorized', 'payment.captured'], alert_email: 'ops@example.com' })
    await authorizedPayment(m)
    await advance(m, 1)
    await advance(m, GIVE_UP_AFTER_S - 120)
    let [d] = await deliveries(m)
    expect(d.status).toBe('pending')
    await advance(m, 3600)
    ;[d] = await deliveries(m)
    expect(d.status).toBe('failed')
    const at = d.attempts.map((a: any) => a.attempted_at)
    expect(at.length).toBeGreaterThanOrEqual(10)
    // the last try is at the deadline (+1: real time may tick into the next second during a POST)
    const deadline = d.created_at + GIVE_UP_AFTER_S
    expect(at.at(-1)).toBeGreaterThanOrEqual(deadline)
    expect(at.at(-1)).toBeLessThanOrEqual(deadline + 1)
    expect(k.received).toHaveLength(at.length)
    const after = (await m.http('GET', `/v1/webhooks/${w.id}`)).body
    expect(after.active).toBe(false)
    expect(after.disabled_at).toBeGreaterThanOrEqual(deadline)
    expect(after.disabled_at).toBeLessThanOrEqual(deadline + 2)

    // a disabled webhook receives nothing new; re-enabling it makes it receive again
    k.status = 200
    const p = await authorizedPayment(m)
    await advance(m, 10)
    expect(k.received).toHaveLength(at.length)
    const on = (await m.http('PUT', `/v1/webhooks/${w.id}`, { active: true })).body
    expect(on).toMatchObject({ active: true, disabled_at: 0 })
    await m.rzp.payments.capture(p.id, 10000, 'INR')
    await advance(m, 1)
    expect(k.received.at(-1)!.body.event).toBe('payment.captured')
  })

  it('gives up pending retries of a webhook that was deleted or deactivated, without POSTing', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    k.failNext(2)
    const w1 = await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
    const w2 = await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    await advance(m, 1)
    // both have failed once by now (one 500 each)
    expect(k.received.filter((r) => r.answered === 500)).toHaveLength(2)
    await m.http('DELETE', `/v2/accounts/${m.id}/webhooks/${w1.id}`)
    await m.http('PUT', `/v1/webhooks/${w2.id}`, { active: false })
    const before = k.received.length
    await advance(m, 600)
    expect(k.received).toHaveLength(before)
    const log = await deliveries(m)
    expect(log.map((d) => [d.status, d.last_error]).sort()).toEqual([
      ['failed', 'webhook is disabled'],
      ['failed', 'webhook was deleted'],
    ])
  })
})

describe('secrets', () => {
  it('signs events created before a secret change with the old secret, later events with the new one', async () => {
    const m = await server().newMerchant()
    const k = await sink(null)
    k.status = 500
    const w = await createWebhook(m, { url: k.url, secret: 'old-secret', events: ['payment.authorized', 'payment.captured'] })
    const p = await authorizedPayment(m) // event A, while the secret is old
    await advance(m, 1) // A fails once
    await m.http('PUT', `/v1/webhooks/${w.id}`, { secret: 'new-secret' })
    await m.rzp.payments.capture(p.id, 10000, 'INR') // event B, after the change
    k.status = 200
    await advance(m, 60)
    const byEvent = (e: string) => k.received.filter((r) => r.body.event === e)
    const a = byEvent('payment.authorized')
    const b = byEvent('payment.captured')
    expect(a.length).toBe(2)
    expect(b.length).toBe(1)
    for (const r of a) {
      const sig = String(r.headers['x-razorpay-signature'])
      expect(Razorpay.validateWebhookSignature(r.raw, sig, 'old-secret')).toBe(true)
      expect(Razorpay.validateWebhookSignature(r.raw, sig, 'new-secret')).toBe(false)
    }
    expect(Razorpay.validateWebhookSignature(b[0].raw, String(b[0].headers['x-razorpay-signature']), 'new-secret')).toBe(true)
  })
})

describe('redelivery (POST /_sandbox/events/:id/redeliver)', () => {
  it('queues a new delivery of the same event: same body, same event id, the secret of the event\'s time', async () => {
    const m = await server().newMerchant()
    const k = await sink('first')
    const w = await createWebhook(m, { url: k.url, secret: 'first', events: ['payment.authorized'] })
    await authorizedPayment(m)
    await advance(m, 1)
    expect(k.received).toHaveLength(1)
    const eventId = String(k.received[0].headers['x-razorpay-event-id'])
    await m.http('PUT', `/v1/webhooks/${w.id}`, { secret: 'second' })

    const res = await m.http('POST', `/_sandbox/events/${eventId}/redeliver`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ entity: 'collection', count: 1 })
    expect(res.body.items[0]).toMatchObject({ entity: 'webhook_delivery', event_id: eventId, event: 'payment.authorized', webhook_id: w.id, status: 'pending', attempts: [] })
    await advance(m, 1)
    expect(k.received).toHaveLength(2)
    expect(k.received[1].raw).toBe(k.received[0].raw)
    expect(k.received[1].headers['x-razorpay-event-id']).toBe(eventId)
    expect(k.received[1].signatureValid).toBe(true) // still 'first'
    expect((await deliveries(m, `event_id=${eventId}`)).map((d) => d.status)).toEqual(['delivered', 'delivered'])
  })

  it('redelivers to one named webhook, and refuses unknown events', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    const w = await createWebhook(m, { url: k.url, events: ['order.paid'] })
    await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
    await authorizedPayment(m)
    const [d] = await deliveries(m)
    const res = await m.http('POST', `/_sandbox/events/${d.event_id}/redeliver`, { webhook_id: w.id })
    expect(res.body.items.map((x: any) => x.webhook_id)).toEqual([w.id])
    const bad = await m.http('POST', '/_sandbox/events/evt_00000000000000/redeliver')
    expect(bad.status).toBe(400)
    expect(bad.body.error.description).toBe('The id provided does not exist')
    const other = await server().newMerchant()
    expect((await other.http('POST', `/_sandbox/events/${d.event_id}/redeliver`)).status).toBe(400)
  })
})

describe('delivery log (GET /_sandbox/webhook_deliveries)', () => {
  it('filters by event_id, webhook_id and status', async () => {
    const m = await server().newMerchant()
    const good = await sink()
    const bad = await sink()
    bad.status = 500
    const w1 = await createWebhook(m, { url: good.url, events: ['payment.authorized', 'payment.captured'] })
    const w2 = await createWebhook(m, { url: bad.url, events: ['payment.authorized'] })
    await capturedPayment(m)
    await advance(m, 1)
    expect(await deliveries(m)).toHaveLength(3)
    expect((await deliveries(m, `webhook_id=${w1.id}`)).map((d) => d.event).sort()).toEqual(['payment.authorized', 'payment.captured'])
    expect((await deliveries(m, `webhook_id=${w2.id}`)).map((d) => d.status)).toEqual(['pending'])
    expect((await deliveries(m, 'status=delivered')).map((d) => d.webhook_id)).toEqual([w1.id, w1.id])
    const [pending] = await deliveries(m, 'status=pending')
    expect((await deliveries(m, `event_id=${pending.event_id}`)).map((d) => d.webhook_id).sort()).toEqual([w1.id, w2.id].sort())
    const res = await m.http('GET', '/_sandbox/webhook_deliveries?status=lost')
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ description: 'The selected status is invalid.', field: 'status' })
  })
})

describe('chaos', () => {
  it('drop_first: n drops the first n attempts of every delivery, which are then retried', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    await createWebhook(m, { url: k.url, events: ['payment.authorized'], chaos: { drop_first: 2 } })
    await authorizedPayment(m)
    await advance(m, 1)
    expect(k.received).toHaveLength(0)
    await advance(m, 120)
    expect(k.received).toHaveLength(1)
    const [d] = await deliveries(m)
    expect(d.status).toBe('delivered')
    expect(d.attempts.map((a: any) => [a.chaos, a.status_code])).toEqual([
      ['dropped', null],
      ['dropped', null],
      [null, 200],
    ])
  })

  it('duplicate: true POSTs every successful delivery twice, identically', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    await createWebhook(m, { url: k.url, secret: 'whsec_test', events: ['payment.authorized'], chaos: { duplicate: true } })
    await authorizedPayment(m)
    await advance(m, 1)
    expect(k.received).toHaveLength(2)
    expect(k.received[1].raw).toBe(k.received[0].raw)
    expect(k.received[1].headers['x-razorpay-event-id']).toBe(k.received[0].headers['x-razorpay-event-id'])
    expect(k.received[1].signatureValid).toBe(true)
    const [d] = await deliveries(m)
    expect(d).toMatchObject({ status: 'delivered', attempt_count: 1 })
    expect(d.attempts.map((a: any) => a.chaos)).toEqual([null, 'duplicate'])
  })

  it('delay_ms holds each POST', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    await createWebhook(m, { url: k.url, events: ['payment.authorized'], chaos: { delay_ms: 400 } })
    await authorizedPayment(m)
    const t = Date.now()
    await advance(m, 1)
    expect(Date.now() - t).toBeGreaterThanOrEqual(390)
    expect(k.received).toHaveLength(1)
  })
})

describe('delivery on real time (the poller)', () => {
  it('delivers without any clock advance, and a slow endpoint does not slow the API', async () => {
    const m = await server().newMerchant()
    const k = await sink()
    k.delayMs = 1500
    await createWebhook(m, { url: k.url, events: ['payment.authorized', 'payment.captured', 'order.paid'] })
    server().deps.runner.start(50)
    try {
      await capturedPayment(m)
      await k.waitFor(1, 5000)
      // a delivery is in flight against a slow endpoint now; the API answers at once
      const t = Date.now()
      for (let i = 0; i < 5; i++) expect((await m.http('GET', '/v1/webhooks')).status).toBe(200)
      expect(Date.now() - t).toBeLessThan(1000)
      await k.waitFor(3, 8000)
      await expect.poll(async () => (await deliveries(m, 'status=delivered')).length, { timeout: 5000 }).toBe(3)
      expect(k.received.every((r) => r.answered === 200)).toBe(true)
    } finally {
      await server().deps.runner.stop()
    }
  })
})
