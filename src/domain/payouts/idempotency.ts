/**
 * X-Payout-Idempotency (RT:api/x/payout-idempotency/make-request.md; behaviors.md §1a).
 *
 *  - Mandatory on POST /v1/payouts: a missing key is a 400 with Razorpay's exact body (its `reason`
 *    really is the string "null").
 *  - 4–36 characters of letters, digits, '-', '_' and space.
 *  - Scope: merchant + endpoint. Same key + same body → the payout as it is now; different body →
 *    400 "Different request body sent for the same Idempotency Header."; a duplicate while the first
 *    is in flight → 409. The key record commits in the payout's own transaction (http/idempotency.ts).
 *  - Kept 7 days of the merchant's clock: an older key is treated as unknown, and a job on the
 *    merchant's clock deletes expired keys (one pending job per merchant, rescheduled to the next
 *    key's expiry).
 */
import { badRequest, type ApiError } from '../../http/errors.js'
import type { KeyRules } from '../../http/idempotency.js'
import type { KeyRetention } from '../../http/idempotency-retention.js'
import { xInvalid } from '../banking/errors.js'

export const PAYOUT_IDEMPOTENCY_HEADER = 'X-Payout-Idempotency'
export const PAYOUT_KEY_SCOPE = 'payout'
export const KEY_TTL_SECONDS = 7 * 24 * 3600
export const PURGE_JOB = 'payout.idempotency_purge'

const KEY = /^[A-Za-z0-9 _-]{4,36}$/

/** Key rules shared by the 4–36 character headers (X-Payout-Idempotency, X-Transfer-Idempotency). */
export function shortKeyRules(header: string, mismatch: () => ApiError): KeyRules {
  return {
    header,
    validate: (key) =>
      KEY.test(key)
        ? null
        : xInvalid(
            `The ${header} key must be 4 to 36 characters long and contain only letters, digits, hyphens, underscores and spaces.`,
            header,
          ),
    mismatch,
    inFlight: () =>
      badRequest('Another request with the same idempotency key is still in progress.', {
        status: 409,
        source: 'business',
        step: null,
        reason: 'input_validation_failed',
        field: header,
      }),
  }
}

export const payoutKeyRules = shortKeyRules(PAYOUT_IDEMPOTENCY_HEADER, () =>
  xInvalid('Different request body sent for the same Idempotency Header.', PAYOUT_IDEMPOTENCY_HEADER),
)

/** Razorpay's documented body for a payout without the header, byte for byte. */
export function payoutKeyMissing(): ApiError {
  return badRequest('Idempotency key is missing. Include idempotency header and key in the request.', {
    source: 'business',
    step: null,
    reason: 'null',
    field: PAYOUT_IDEMPOTENCY_HEADER,
  })
}

/** Payout keys are kept 7 days of the merchant's clock, then purged by a job. */
export const payoutKeyRetention: KeyRetention = { scope: PAYOUT_KEY_SCOPE, job: PURGE_JOB, ttlSeconds: KEY_TTL_SECONDS }
