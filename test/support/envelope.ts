/**
 * Assertions on Razorpay's error envelope:
 *   {"error":{"code","description","source","step","reason","metadata","field"?}}
 * Every key is checked, so an extra key, a missing one or a wrong value fails the test.
 */
import { expect } from 'vitest'
import type { RawResponse } from './harness.js'

export interface ExpectedError {
  code?: string
  description: string
  source?: string | null
  step?: string | null
  reason?: string | null
  metadata?: Record<string, unknown>
  /** Omit to require that the envelope has no `field`. */
  field?: string
}

/** Platform failures (routing, auth, body framing) carry "NA" where Razorpay does. */
export const NA = { source: 'NA', step: 'NA', reason: 'NA' } as const

/** Validation failures as Razorpay words them (behaviors.md §6, orders/create.md). */
export const VALIDATION = { source: 'business', step: 'payment_initiation', reason: 'input_validation_failed' } as const

export function envelope(e: ExpectedError): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = {
    code: e.code ?? 'BAD_REQUEST_ERROR',
    description: e.description,
    source: e.source === undefined ? VALIDATION.source : e.source,
    step: e.step === undefined ? VALIDATION.step : e.step,
    reason: e.reason === undefined ? VALIDATION.reason : e.reason,
    metadata: e.metadata ?? {},
  }
  if (e.field !== undefined) error.field = e.field
  return { error }
}

export function expectError(res: RawResponse, status: number, e: ExpectedError): void {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: envelope(e) })
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/)
}

/** Any well-formed envelope (for property tests that cannot know the exact text). */
export function expectSomeEnvelope(res: RawResponse): void {
  expect(res.body, `status ${res.status}: ${res.text.slice(0, 300)}`).toEqual({
    error: expect.objectContaining({
      code: expect.stringMatching(/^(BAD_REQUEST_ERROR|GATEWAY_ERROR|SERVER_ERROR)$/),
      description: expect.any(String),
      metadata: expect.any(Object),
    }),
  })
  const keys = Object.keys(res.body.error).sort()
  expect(keys.filter((k) => k !== 'field')).toEqual(['code', 'description', 'metadata', 'reason', 'source', 'step'])
}

export const basic = (keyId: string, secret: string) => 'Basic ' + Buffer.from(`${keyId}:${secret}`).toString('base64')
