/**
 * Each merchant's settlement cycle, T+N working days. N comes from the merchant's own schedule
 * (POST /_sandbox/settlements/schedule), else the global default: TIJORI_SETTLEMENT_DAYS, else 2
 * (the standard domestic cycle, RT:payments/settlements.md). A change applies to payments captured
 * afterwards; payments already captured keep the slot they were given.
 */
import { scheduleJob } from '../../jobs/schedule.js'
import type { Db } from '../../store/schema.js'
import { settlementSlot } from './calendar.js'
import { settlementStore } from './store.js'
import { lockMoney } from '../../ledger/ledger.js'

export const DEFAULT_DELAY_DAYS = 2
export const MAX_DELAY_DAYS = 30

/** The job that settles a merchant's due transactions in one slot. */
export const SETTLEMENT_JOB = 'settlement.scheduled'

/** The global default N, from TIJORI_SETTLEMENT_DAYS (an integer 0-30) or 2. */
export function defaultDelayDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TIJORI_SETTLEMENT_DAYS
  if (raw === undefined || raw.trim() === '') return DEFAULT_DELAY_DAYS
  const n = /^\d{1,2}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isInteger(n) || n > MAX_DELAY_DAYS) throw new Error(`TIJORI_SETTLEMENT_DAYS must be an integer 0-${MAX_DELAY_DAYS}, got ${JSON.stringify(raw)}`)
  return n
}

export async function delayDays(db: Db, merchantId: string): Promise<number> {
  const row = await settlementStore.findSchedule(db, merchantId)
  return row ? row.delay_days : defaultDelayDays()
}

/** One job per (merchant, slot): the subject names the slot, so many captures share one job. */
export function slotSubject(merchantId: string, slot: number): string {
  return `settlement:${merchantId}:${slot}`
}

/** Makes sure a settlement job is pending for this merchant's slot. */
export async function ensureSlotJob(tx: Db, merchantId: string, slot: number, now: number): Promise<void> {
  const subject = slotSubject(merchantId, slot)
  const pending = () =>
    tx.selectFrom('jobs').select('id').where('subject_id', '=', subject).where('kind', '=', SETTLEMENT_JOB).where('status', '=', 'pending').executeTakeFirst()
  if (await pending()) return
  // The slot's first capture: on PostgreSQL, concurrent captures all saw no job and each added one
  // (harmless — one settlement ran — but rows to spare). Taking the merchant's row makes the others
  // wait and re-run, and their re-run finds this job (ledger.ts, lockMoney). A no-op on SQLite.
  await lockMoney(tx, merchantId)
  if (!(await pending())) await scheduleJob(tx, { merchantId, kind: SETTLEMENT_JOB, subjectId: subject, runAt: slot, now })
}

/** The slot a payment captured now settles in, for this merchant. */
export async function slotForCapture(tx: Db, merchantId: string, capturedAt: number): Promise<number> {
  return settlementSlot(capturedAt, await delayDays(tx, merchantId))
}
