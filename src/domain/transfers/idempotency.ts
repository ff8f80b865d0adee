/**
 * X-Transfer-Idempotency (SEED-001; RT:api/payments/route/direct-transfers-idempotent-request.md;
 * behaviors.md §1b), honoured on direct transfers only (POST /v1/transfers), and optional there.
 *
 *  - The key: 4–36 characters of letters, digits, '-', '_' and space (the payout header's rules).
 *  - Same key + same body → the same transfer, as it is now, with no second debit; a different body →
 *    400 BAD_REQUEST_ERROR "Different request body sent for the same Idempotency Header." (the
 *    RazorpayX text; Route documents only "rejected as a BAD_REQUEST"); a request arriving while the
 *    first is still in process → 409.
 *  - Scope: the merchant + direct transfers. A request that fails leaves no key behind.
 *  - Retention is not documented (CHOSEN): 7 days of the merchant's clock, as for payouts; a job on
 *    the merchant's clock deletes expired keys.
 * The key record and the transfer commit in one transaction (http/idempotency.ts).
 */
import type { KeyRetention } from '../../http/idempotency-retention.js'
import { xInvalid } from '../banking/errors.js'
import { shortKeyRules } from '../payouts/idempotency.js'

export const TRANSFER_IDEMPOTENCY_HEADER = 'X-Transfer-Idempotency'
export const TRANSFER_KEY_SCOPE = 'transfer'
export const TRANSFER_KEY_TTL_SECONDS = 7 * 24 * 3600
export const TRANSFER_KEY_PURGE_JOB = 'transfer.idempotency_purge'

export const transferKeyRules = shortKeyRules(TRANSFER_IDEMPOTENCY_HEADER, () =>
  xInvalid('Different request body sent for the same Idempotency Header.', TRANSFER_IDEMPOTENCY_HEADER),
)

/** Transfer keys are kept 7 days of the merchant's clock, then purged by a job. */
export const transferKeyRetention: KeyRetention = {
  scope: TRANSFER_KEY_SCOPE,
  job: TRANSFER_KEY_PURGE_JOB,
  ttlSeconds: TRANSFER_KEY_TTL_SECONDS,
}
