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
import type { JobHandler } from '../../jobs/registry.js'
import { scheduleJob } from '../../jobs/schedule.js'
import type { Db } from '../../store/schema.js'
import { xInvalid } from '../banking/errors.js'
import { shortKeyRules } from '../payouts/idempotency.js'

export const TRANSFER_IDEMPOTENCY_HEADER = 'X-Transfer-Idempotency'
export const TRANSFER_KEY_SCOPE = 'transfer'
export const TRANSFER_KEY_TTL_SECONDS = 7 * 24 * 3600
export const TRANSFER_KEY_PURGE_JOB = 'transfer.idempotency_purge'

export const transferKeyRules = shortKeyRules(TRANSFER_IDEMPOTENCY_HEADER, () =>
  xInvalid('Different request body sent for the same Idempotency Header.', TRANSFER_IDEMPOTENCY_HEADER),
)

/** Makes sure a purge job is pending for this merchant's transfer keys (called with every new key). */
export async function ensureTransferKeyPurge(tx: Db, merchantId: string, now: number): Promise<void> {
  const pending = await tx
    .selectFrom('jobs')
    .select('id')
    .where('subject_id', '=', merchantId)
    .where('kind', '=', TRANSFER_KEY_PURGE_JOB)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (!pending) await scheduleJob(tx, { merchantId, kind: TRANSFER_KEY_PURGE_JOB, subjectId: merchantId, runAt: now + TRANSFER_KEY_TTL_SECONDS, now })
}

/** The purge job: deletes keys 7 days old or more, then waits for the next one to expire. */
export const purgeTransferKeys: JobHandler = async (tx, job, { now }) => {
  const merchantId = job.merchant_id
  await tx
    .deleteFrom('idempotency_keys')
    .where('merchant_id', '=', merchantId)
    .where('scope', '=', TRANSFER_KEY_SCOPE)
    .where('created_at', '<=', now - TRANSFER_KEY_TTL_SECONDS)
    .execute()
  const oldest = await tx
    .selectFrom('idempotency_keys')
    .select((eb) => eb.fn.min<number>('created_at').as('at'))
    .where('merchant_id', '=', merchantId)
    .where('scope', '=', TRANSFER_KEY_SCOPE)
    .executeTakeFirst()
  if (oldest?.at != null)
    await scheduleJob(tx, {
      merchantId,
      kind: TRANSFER_KEY_PURGE_JOB,
      subjectId: merchantId,
      runAt: Math.max(Number(oldest.at) + TRANSFER_KEY_TTL_SECONDS, now + 1),
      now,
    })
}
