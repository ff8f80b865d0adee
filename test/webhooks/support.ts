/** Helpers for webhook delivery tests: drive the merchant's clock, read the delivery log. */
import { expect } from 'vitest'
import type { TestMerchant } from '../support/harness.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

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
