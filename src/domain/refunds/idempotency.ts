/**
 * X-Refund-Idempotency rules (RT:api/refunds/normal-refunds-idempotent.md): at least 10
 * characters of [A-Za-z0-9_-]; a different body with the same key, and a request arriving while
 * the first is still in progress, both answer 409.
 */
import { badRequest, errors } from '../../http/errors.js'
import type { KeyRules } from '../../http/idempotency.js'

export const REFUND_IDEMPOTENCY_HEADER = 'X-Refund-Idempotency'

export const refundKeyRules: KeyRules = {
  header: REFUND_IDEMPOTENCY_HEADER,
  validate: (key) => {
    if (key.length < 10)
      return badRequest('The idempotency key must be at least 10 characters long.', { field: REFUND_IDEMPOTENCY_HEADER, source: 'NA', step: 'NA', reason: 'NA' })
    if (!/^[A-Za-z0-9_-]+$/.test(key))
      return badRequest('The idempotency key must only contain alphanumeric characters, underscores, and hyphens', {
        field: REFUND_IDEMPOTENCY_HEADER,
        source: 'NA',
        step: 'NA',
        reason: 'NA',
      })
    return null
  },
  mismatch: () => errors.idempotencyMismatch('Different request with the same idempotency key has already been processed.', 409),
  inFlight: () => errors.idempotencyInFlight('Another request with the same idempotency key is still in progress.', REFUND_IDEMPOTENCY_HEADER),
}
