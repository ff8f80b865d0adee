/**
 * The simulated bank's answer to a validation, on the merchant's clock: ANSWER_AFTER_SECONDS after
 * creation a job moves it out of `created` as its stored verdict says (scenarios.ts), moves the
 * money that answer returns (money.ts) and announces `fund_account.validation.completed` or
 * `.failed` (RT:webhooks/account-validation.md). Everything commits with the job's `done` mark.
 */
import { randomInt } from 'node:crypto'
import type { JobRegistry } from '../../jobs/registry.js'
import { scheduleJob } from '../../jobs/schedule.js'
import type { Db, FundAccountValidationRow } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { fundAccountStore } from '../fund-accounts/store.js'
import { validationToWire } from './entity.js'
import { creditBackValidation } from './money.js'
import { decodeVerdict } from './scenarios.js'
import type { ValidationChange } from './states.js'
import { validationStore } from './store.js'

export const ANSWER_JOB = 'fund_account_validation.answer'

/** A penny drop travels on IMPS (or UPI for a VPA): the bank answers in a minute, as for payouts on those rails. */
export const ANSWER_AFTER_SECONDS = 60

export async function scheduleAnswer(tx: Db, v: FundAccountValidationRow, now: number): Promise<void> {
  await scheduleJob(tx, { merchantId: v.merchant_id, kind: ANSWER_JOB, subjectId: v.id, runAt: now + ANSWER_AFTER_SECONDS, now })
}

/** The 12-digit IMPS reference of a delivered penny. A VPA validation shows none (the samples' `utr: null`). */
function utrFor(v: FundAccountValidationRow): string | null {
  return v.account_type === 'bank_account' ? Array.from({ length: 12 }, () => randomInt(10)).join('') : null
}

async function answer(tx: Db, v: FundAccountValidationRow, now: number): Promise<void> {
  const verdict = decodeVerdict(v.scenario)
  const change: ValidationChange =
    verdict.kind === 'active'
      ? { kind: 'completed', accountStatus: 'active', registeredName: verdict.registeredName, utr: utrFor(v) }
      : verdict.kind === 'invalid'
        ? { kind: 'completed', accountStatus: 'invalid' }
        : { kind: 'failed' }
  const done = await validationStore.update(tx, v, change, now)
  if (!done) return
  const fundAccount = await fundAccountStore.findByMerchantIdAndId(tx, v.merchant_id, v.fund_account_id)
  if (!fundAccount) throw new Error(`fund account ${v.fund_account_id} of validation ${v.id} is missing`)
  const event = done.status === 'failed' ? 'fund_account.validation.failed' : 'fund_account.validation.completed'
  await recordEvent(tx, v.merchant_id, event, { 'fund_account.validation': { entity: validationToWire({ row: done, fundAccount }) } }, now)
  // An invalid account sends the penny back; a failure returns the fee as well.
  if (verdict.kind !== 'active') await creditBackValidation(tx, done, verdict.kind === 'failed', now)
}

/** Job kinds of this slice (called from buildApp through banking/razorpayx.ts). */
export function registerValidationJobs(jobs: JobRegistry): void {
  jobs.register(ANSWER_JOB, async (tx, job, { now }) => {
    const v = job.subject_id ? await validationStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id) : undefined
    if (v?.status === 'created') await answer(tx, v, now)
  })
}
