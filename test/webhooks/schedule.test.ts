/** The retry schedule: exponential backoff with ±20% jitter, never past 24 h after the event. */
import { describe, expect, it } from 'vitest'
import { GIVE_UP_AFTER_S, nextAttemptAt, RETRY_SCHEDULE_S, retryDelay } from '../../src/webhooks/schedule.js'
import { webhookSignature, deliveryHeaders } from '../../src/webhooks/signature.js'
import Razorpay from 'razorpay'

describe('retryDelay', () => {
  it('follows the schedule at the middle of the jitter range', () => {
    expect(RETRY_SCHEDULE_S.map((_, i) => retryDelay(i + 1, () => 0.5))).toEqual([5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800])
    expect(retryDelay(50, () => 0.5)).toBe(28_800) // the last step repeats
  })

  it('stays within ±20%', () => {
    for (let n = 1; n <= 12; n++) {
      const base = RETRY_SCHEDULE_S[Math.min(n, RETRY_SCHEDULE_S.length) - 1]
      expect(retryDelay(n, () => 0)).toBe(Math.max(1, Math.round(base * 0.8)))
      expect(retryDelay(n, () => 0.999999)).toBe(Math.round(base * 1.2))
      for (let i = 0; i < 50; i++) {
        const d = retryDelay(n)
        expect(d).toBeGreaterThanOrEqual(Math.round(base * 0.8))
        expect(d).toBeLessThanOrEqual(Math.round(base * 1.2))
      }
    }
  })
})

describe('nextAttemptAt', () => {
  const created = 1_700_000_000
  it('schedules retries until the deadline, the last one exactly at it, then gives up', () => {
    const times = [created]
    let failed = 0
    for (;;) {
      const next = nextAttemptAt(times.at(-1)!, ++failed, created, () => 0.5)
      if (next === null) break
      times.push(next)
    }
    expect(times.map((t) => t - created)).toEqual([0, 5, 35, 155, 755, 2555, 6155, 13_355, 27_755, 56_555, 85_355, GIVE_UP_AFTER_S])
  })

  it('gives up at or after the deadline', () => {
    expect(nextAttemptAt(created + GIVE_UP_AFTER_S, 3, created)).toBeNull()
    expect(nextAttemptAt(created + GIVE_UP_AFTER_S + 100, 1, created)).toBeNull()
    expect(nextAttemptAt(created + GIVE_UP_AFTER_S - 1, 1, created, () => 0.5)).toBe(created + GIVE_UP_AFTER_S)
  })
})

describe('signature', () => {
  it('is the SDK\'s HMAC-SHA256 hex of the raw body', () => {
    expect(webhookSignature('{"a":1,"b":2,"c":{"d":3}}', '123456')).toBe('2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc')
    const body = '{"entity":"event"}'
    const h = deliveryHeaders(body, 'evt_00000000000001', 's3cret')
    expect(Razorpay.validateWebhookSignature(body, h['X-Razorpay-Signature'], 's3cret')).toBe(true)
    expect(h).toMatchObject({ 'Content-Type': 'application/json', 'User-Agent': 'Razorpay-Webhook/v1', 'X-Razorpay-Event-Id': 'evt_00000000000001' })
    expect(deliveryHeaders(body, 'evt_00000000000001', null)).not.toHaveProperty('X-Razorpay-Signature')
  })
})
