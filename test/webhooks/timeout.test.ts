/** An endpoint that does not answer within 5 s has failed that attempt; the retry can succeed. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/harness.js'
import { authorizedPayment } from '../support/factories.js'
import { startSink, type Sink } from './sink.js'
import { advance, createWebhook, deliveries } from './support.js'

let s: TestServer
let k: Sink
beforeAll(async () => {
  s = await startTestServer()
  k = await startSink()
})
afterAll(async () => {
  await k.close()
  await s.close()
})

it('counts no answer within 5 s as a failure and retries', async () => {
  const m = s.merchant
  await createWebhook(m, { url: k.url, events: ['payment.authorized'] })
  await authorizedPayment(m)
  // The endpoint would answer at 8 s: the attempt ends at 5 s. (The margin is wide because a loaded
  // machine made this 5.5 s once, when the endpoint answered at 5.6 s.)
  k.delayMs = 8000
  const t = Date.now()
  await advance(m, 1)
  const took = Date.now() - t
  expect(took).toBeGreaterThanOrEqual(4900)
  expect(took).toBeLessThan(7500)
  let [d] = await deliveries(m)
  expect(d).toMatchObject({ status: 'pending', attempt_count: 1, last_status: null })
  expect(d.attempts[0].error).toMatch(/^timeout/)
  expect(d.attempts[0].latency_ms).toBeGreaterThanOrEqual(4900)
  k.delayMs = 0
  await advance(m, 60)
  ;[d] = await deliveries(m)
  expect(d).toMatchObject({ status: 'delivered', attempt_count: 2, last_status: 200 })
  expect(k.received).toHaveLength(2)
})
