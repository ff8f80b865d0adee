/**
 * Once the poller runs, a finished attempt pulls the next due delivery at once: a backlog drains with
 * `concurrency` deliveries in flight, not `concurrency` per poll. One tick() here, never another —
 * yet every delivery of a backlog ten times the concurrency arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordEvent } from '../../src/webhooks/outbox.js'
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js'
import { startTestServer, type TestServer } from '../support/harness.js'
import { startSink, type Sink } from './sink.js'

let s: TestServer
let k: Sink
beforeAll(async () => {
  s = await startTestServer()
  k = await startSink({ secret: 'whsec_pump' })
})
afterAll(async () => {
  await k.close()
  await s.close()
})

describe('webhook dispatcher under a backlog', () => {
  it('drains 40 due deliveries from one poll with 4 in flight at a time', async () => {
    const m = await s.newMerchant()
    const hook = await m.http('POST', '/v1/webhooks', { url: k.url, secret: 'whsec_pump', events: { 'payment.authorized': true } })
    expect(hook.status, hook.text).toBe(200)
    const now = s.deps.clock.now(m.id)
    await s.deps.store.write(async (tx) => {
      for (let i = 0; i < 40; i++) await recordEvent(tx, m.id, 'payment.authorized', { payment: { entity: { id: `pay_pump${i}` } } }, now)
    })
    const dispatcher = new WebhookDispatcher(s.deps, { concurrency: 4 })
    try {
      await dispatcher.tick()
      await expect.poll(() => k.received.length, { timeout: 20_000 }).toBe(40)
      expect(new Set(k.received.map((r) => r.headers['x-razorpay-event-id'])).size).toBe(40)
    } finally {
      await dispatcher.stop()
    }
  })
})
