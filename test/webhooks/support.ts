/** Helpers for webhook delivery tests: a server and sinks per file, drive the merchant's clock, read the delivery log. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { startTestServer, type TestMerchant, type TestServer } from '../support/harness.js'
import { startSink, type Sink } from './sink.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * One test server for the file, and webhook sinks closed after each test. Registers the vitest
 * hooks, so call it at the top of a test file; `server()` is for use inside tests.
 */
export function webhookFixture(): { server: () => TestServer; sink: (secret?: string | null) => Promise<Sink> } {
  let s: TestServer | undefined
  const sinks: Sink[] = []
  beforeAll(async () => {
    s = await startTestServer()
  })
  afterEach(async () => {
    await Promise.all(sinks.splice(0).map((k) => k.close()))
  })
  afterAll(async () => {
    await s?.close()
  })
  return {
    server: () => {
      if (!s) throw new Error('the test server starts in beforeAll')
      return s
    },
    sink: async (secret = 'whsec_test') => {
      const k = await startSink({ secret })
      sinks.push(k)
      return k
    },
  }
}

/** POST /_sandbox/clock {advance_by}: runs every attempt that falls due, then answers. */
export async function advance(m: TestMerchant, seconds: number): Promise<number> {
  const res = await m.http('POST', '/_sandbox/clock', { advance_by: seconds })
  expect(res.status, res.text).toBe(200)
  return res.body.now as number
}

export async function now(m: TestMerchant): Promise<number> {
  return (await m.http('GET', '/_sandbox/clock')).body.now as number
}

export async function deliveries(m: TestMerchant, query = ''): Promise<any[]> {
  const res = await m.http('GET', `/_sandbox/webhook_deliveries?count=100${query ? `&${query}` : ''}`)
  expect(res.status, res.text).toBe(200)
  return res.body.items
}

export async function createWebhook(m: TestMerchant, body: Record<string, unknown>): Promise<any> {
  const res = await m.http('POST', '/v1/webhooks', body)
  expect(res.status, res.text).toBe(200)
  return res.body
}
