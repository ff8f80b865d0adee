/**
 * Linked-account settlements and settlement holds (RT:payments/route/schedule-settlement.md,
 * RT:api/payments/route/modify-settlement-hold.md).
 *
 *  - A linked account settles on its parent's schedule (T+N working days, 09:00 IST slots,
 *    settlements/calendar.ts), counted from when the transfer was processed.
 *  - `on_hold: true` without `on_hold_until` holds the transfer indefinitely (settlement_status
 *    `on_hold`). With `on_hold_until`, the hold ends then (a job flips on_hold to false) and the money
 *    settles on the next working day after it — never before the schedule's own slot.
 *  - Releasing a hold (PATCH on_hold: false) before the scheduled slot waits for the slot; after it,
 *    the transfer settles in the next slot.
 *  - In a slot, a job per (linked account, slot) pays out: due transfers (amount less what was already
 *    reversed; their reversals travel with them) minus reversals of transfers settled earlier. Like the
 *    merchant's partial settlements, the payout never exceeds what the linked account holds
 *    (ledger linked:<acc>); transfers that do not fit roll over to the next working day.
 *  - The settlement is a `setl_` entity of the linked account (it sees it with X-Razorpay-Account);
 *    `settlement.processed` is recorded for the parent, whose webhooks announce Route events.
 * Jobs run on the parent merchant's clock (their merchant_id is the parent's).
 */
import type { JobHandler } from '../../jobs/registry.js'
import { cancelJobs, scheduleJob } from '../../jobs/schedule.js'
import { newId } from '../../shared/ids.js'
import type { Db } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { nextSlotAfter, settlementSlot } from '../settlements/calendar.js'
import { settlementToWire } from '../settlements/entity.js'
import { delayDays } from '../settlements/schedule.js'
import { newUtr } from '../settlements/service.js'
import { settlementStore, type SettlementRow } from '../settlements/store.js'
import { linkedBalance, postLinkedSettlement, ROUTE_CURRENCY } from './money.js'
import { lockMoney } from '../../ledger/ledger.js'
import { transferStore, type TransferRow } from './store.js'

export const LINKED_SETTLEMENT_JOB = 'transfer.settlement'
export const HOLD_RELEASE_JOB = 'transfer.hold_release'

/** The slot the parent's schedule gives a transfer processed at `processedAt`. */
export async function cycleSlot(db: Db, merchantId: string, processedAt: number): Promise<number> {
  return settlementSlot(processedAt, await delayDays(db, merchantId))
}

/**
 * When a credited transfer may settle, given its hold: null while held indefinitely. Never before
 * `cycle`, and never in the past (a late release settles in the next slot).
 */
export function settleAtFor(hold: { onHold: boolean; onHoldUntil: number | null }, cycle: number, now: number): number | null {
  if (hold.onHold && hold.onHoldUntil === null) return null
  let at = cycle
  // "If on_hold_until is 7:00 PM on 23/03, we settle the amount on 24/03": the next working day's slot.
  if (hold.onHold && hold.onHoldUntil !== null) at = Math.max(at, settlementSlot(hold.onHoldUntil, 1))
  return at > now ? at : nextSlotAfter(now)
}

function slotSubject(accountId: string, slot: number): string {
  return `route_settlement:${accountId}:${slot}`
}

/** Makes sure the linked account's settlement job for `slot` is pending. */
export async function ensureLinkedSlotJob(tx: Db, merchantId: string, accountId: string, slot: number, now: number): Promise<void> {
  const subject = slotSubject(accountId, slot)
  const pending = await tx
    .selectFrom('jobs')
    .select('id')
    .where('subject_id', '=', subject)
    .where('kind', '=', LINKED_SETTLEMENT_JOB)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (!pending) await scheduleJob(tx, { merchantId, kind: LINKED_SETTLEMENT_JOB, subjectId: subject, runAt: slot, payload: { account: accountId }, now })
}

/** After a credited transfer's hold or settle_at changed: the jobs that will release and settle it. */
export async function scheduleSettlement(tx: Db, t: TransferRow, now: number): Promise<void> {
  await cancelJobs(tx, HOLD_RELEASE_JOB, t.id, now)
  if (t.on_hold === 1 && t.on_hold_until !== null)
    await scheduleJob(tx, { merchantId: t.merchant_id, kind: HOLD_RELEASE_JOB, subjectId: t.id, runAt: t.on_hold_until, payload: { until: t.on_hold_until }, now })
  if (t.settle_at !== null) await ensureLinkedSlotJob(tx, t.merchant_id, t.recipient, t.settle_at, now)
}

/** The hold of a transfer ends at its on_hold_until (if that is still its hold). */
export const releaseHold: JobHandler = async (tx, job, { now }) => {
  if (!job.subject_id) return
  const t = await transferStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id)
  const { until } = JSON.parse(job.payload) as { until?: number }
  if (!t || t.on_hold !== 1 || t.on_hold_until !== until) return
  await transferStore.update(tx, t.id, { kind: 'holdReleased' }, now)
}

/** Which transfers this slot pays out: every debit, then transfers in order while they fit. */
export function chooseLinkedItems(
  credits: { t: TransferRow; amount: number }[],
  debits: number,
  available: number,
): { chosen: TransferRow[]; rolled: TransferRow[]; net: number } {
  let net = -debits
  const chosen: TransferRow[] = []
  const rolled: TransferRow[] = []
  for (const c of credits) {
    if (net + c.amount <= available) {
      chosen.push(c.t)
      net += c.amount
    } else rolled.push(c.t)
  }
  return { chosen, rolled, net }
}

/** The job: settles one linked account's slot. The settlement is dated at its slot. */
export const runLinkedSettlement: JobHandler = async (tx, job, { now }) => {
  const merchantId = job.merchant_id
  const { account } = JSON.parse(job.payload) as { account: string }
  const slot = job.run_at
  await lockMoney(tx, merchantId)
  const due = await transferStore.listSettleable(tx, merchantId, account, slot)
  const reversals = await transferStore.listUnsettledReversals(tx, merchantId, account, slot)
  // A reversal of a transfer that has settled is a debit now; one of a transfer that has not yet
  // settled has already lowered that transfer's credit (amount − amount_reversed) and settles with it.
  const ofTransfers = await transferStore.listByIds(tx, merchantId, [...new Set(reversals.map((r) => r.transfer_id))])
  const settledTransfers = new Set(ofTransfers.filter((t) => t.recipient_settlement_id !== null).map((t) => t.id))
  const debitReversals = reversals.filter((r) => settledTransfers.has(r.transfer_id))
  const debits = debitReversals.reduce((s, r) => s + r.amount, 0)
  if (due.length === 0 && debits === 0) return
  const available = await linkedBalance(tx, merchantId, account)
  const credits = due.map((t) => ({ t, amount: t.amount - t.amount_reversed }))
  const { chosen, rolled, net } = chooseLinkedItems(credits, debits, available)
  if (net <= 0) return
  const settlement: SettlementRow = {
    id: newId('settlement'),
    merchant_id: account,
    amount: net,
    currency: ROUTE_CURRENCY,
    status: 'processed',
    fees: 0,
    tax: 0,
    utr: newUtr(),
    created_at: slot,
    processed_at: slot,
  }
  await settlementStore.insert(tx, settlement)
  for (const t of chosen) await transferStore.update(tx, t.id, { kind: 'settled', settlementId: settlement.id, at: slot }, now)
  const chosenIds = new Set(chosen.map((t) => t.id))
  const netted = [...debitReversals, ...reversals.filter((r) => chosenIds.has(r.transfer_id))]
  await transferStore.markReversalsSettled(tx, netted.map((r) => r.id), settlement.id)
  await postLinkedSettlement(tx, { id: settlement.id, merchantId, accountId: account, amount: net }, slot)
  await recordEvent(tx, merchantId, 'settlement.processed', { settlement: { entity: settlementToWire(settlement) } }, now)
  if (rolled.length > 0) await ensureLinkedSlotJob(tx, merchantId, account, nextSlotAfter(slot), slot)
}
