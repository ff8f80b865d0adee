/**
 * Retention of idempotency keys on the merchant's clock (X-Payout-Idempotency and
 * X-Transfer-Idempotency keep keys 7 days). One pending purge job per merchant and scope: it deletes
 * the expired keys, then reschedules itself for the next key's expiry. withIdempotency's `ttl`
 * already treats an expired key as unknown; the job only reclaims the rows.
 */
import { sql } from 'kysely'
import type { JobHandler } from '../jobs/registry.js'
import { scheduleJob } from '../jobs/schedule.js'
import { knownPending, rememberPending } from '../jobs/pending-jobs.js'
import type { Db } from '../store/schema.js'
import { preparedQuery } from '../store/prepared-query.js'

export interface KeyRetention {
  /** idempotency_keys.scope of the keys this retention covers. */
  scope: string
  /** Job kind of the purge (register `purgeHandler(retention)` under it). */
  job: string
  ttlSeconds: number
}

/** Makes sure a purge job is pending for this merchant's keys (call with every new key). */
/** Asked by every payout and transfer: prepared. */
const pendingPurge = preparedQuery((db, p: { merchantId: string; kind: string }) =>
  db.selectFrom('jobs').select('id').where('subject_id', '=', p.merchantId).where('kind', '=', p.kind).where('status', '=', sql.lit('pending')),
)

export async function ensureKeyPurge(tx: Db, r: KeyRetention, merchantId: string, now: number): Promise<void> {
  if (knownPending(tx, merchantId, r.job)) return
  const pending = await pendingPurge.first(tx, { merchantId, kind: r.job })
  if (!pending) await scheduleJob(tx, { merchantId, kind: r.job, subjectId: merchantId, runAt: now + r.ttlSeconds, now })
  rememberPending(tx, merchantId, r.job)
}

/** The purge job: deletes keys `ttlSeconds` old or more, then waits for the next one to expire. */
export function purgeHandler(r: KeyRetention): JobHandler {
  return async (tx, job, { now }) => {
    const merchantId = job.merchant_id
    await tx
      .deleteFrom('idempotency_keys')
      .where('merchant_id', '=', merchantId)
      .where('scope', '=', r.scope)
      .where('created_at', '<=', now - r.ttlSeconds)
      .execute()
    const oldest = await tx
      .selectFrom('idempotency_keys')
      .select((eb) => eb.fn.min<number>('created_at').as('at'))
      .where('merchant_id', '=', merchantId)
      .where('scope', '=', r.scope)
      .executeTakeFirst()
    if (oldest?.at != null)
      await scheduleJob(tx, { merchantId, kind: r.job, subjectId: merchantId, runAt: Math.max(Number(oldest.at) + r.ttlSeconds, now + 1), now })
  }
}
