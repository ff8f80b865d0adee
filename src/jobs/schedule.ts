/**
 * Scheduling work for later, on the merchant's clock. Jobs are rows written in the transaction of
 * the change that makes them necessary (e.g. an authorization schedules its auto-refund), so they
 * survive restarts and never exist for a change that rolled back.
 */
import { newIdBody } from '../shared/ids.js'
import type { Db } from '../store/schema.js'
import { insertRow } from '../store/compiled-insert.js'
import { ownWork } from './own-work.js'
import { forgetPendingKind } from './pending-jobs.js'

export async function scheduleJob(
  tx: Db,
  j: { merchantId: string; kind: string; subjectId?: string; runAt: number; payload?: Record<string, unknown>; now: number },
): Promise<string> {
  const id = `job_${newIdBody()}`
  ownWork.get(tx)?.jobs.add(id) // an advance's own follow-up work (own-work.ts)
  await insertRow(tx, 'jobs', {
    id,
    merchant_id: j.merchantId,
    kind: j.kind,
    subject_id: j.subjectId ?? null,
    run_at: j.runAt,
    payload: JSON.stringify(j.payload ?? {}),
    status: 'pending',
    attempts: 0,
    last_error: null,
    created_at: j.now,
    finished_at: null,
  })
  return id
}

/** Cancels pending jobs of a kind for one subject (e.g. the auto-refund once a payment is captured). */
export async function cancelJobs(tx: Db, kind: string, subjectId: string, now: number): Promise<void> {
  forgetPendingKind(tx, kind)
  await tx
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now })
    .where('subject_id', '=', subjectId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .execute()
}
