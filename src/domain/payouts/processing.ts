/**
 * What happens to a payout after it is accepted: the money moves and the simulated bank answers.
 *
 *  - debitIfCovered: debits amount + fees (fees include tax) from the business account if they are
 *    covered (the conditional debit is the balance check: a create does not read the balance first),
 *    moves the payout to `processing` (payout.initiated, transaction.created) with the time the bank answers
 *    on the merchant's clock in `settle_at` (modes.ts: 1 minute for IMPS/UPI/card/amazonpay, 30
 *    for NEFT/RTGS), and makes sure a settle job is pending for that second.
 *  - settle job: one per merchant and due second, shared by the payouts due then (a job row per
 *    payout was 3 B-tree inserts, ~20 % of what a payout's commit wrote). It settles the merchant's
 *    processing payouts due by its run time, soonest first, SETTLE_BATCH at a time. For each, the
 *    stored test scenario decides — `processed` with a UTR (payout.processed, then payout.updated
 *    for the UTR), or `failed` with everything credited back (payout.failed).
 *    A `reverse` scenario is processed first and reversed REVERSAL_AFTER_SECONDS later.
 *  - reversal / failure credit amount + fees + tax back (transaction.created) and then run the
 *    queue, since balance has arrived.
 *  - drainQueue: queued payouts of the account, oldest first, each processed if the balance covers
 *    it, skipping those that still do not fit (RT:x/payouts/queued.md).
 *
 * Every step runs inside the caller's transaction: a job's effects commit with its `done` mark.
 */
import { ACCOUNTS, LedgerImbalance } from '../../ledger/ledger.js'
import { scheduleJob } from '../../jobs/schedule.js'
import { knownPending, rememberPending } from '../../jobs/pending-jobs.js'
import type { JobRegistry } from '../../jobs/registry.js'
import { randomInt } from 'node:crypto'
import type { Db } from '../../store/schema.js'
import { entityEvent, recordEvent, recordEvents } from '../../webhooks/outbox.js'
import { postIfCovered, postToAccount, X_LEDGER, type AccountRef } from '../banking/accounts.js'
import { newXId } from '../banking/ids.js'
import { businessAccountStore, type BusinessAccountRow } from '../banking/store.js'
import { contactStore } from '../contacts/store.js'
import { fundAccountStore } from '../fund-accounts/store.js'
import { recordTransaction } from '../banking/transactions.js'
import { payoutSource, payoutToWire } from './entity.js'
import { purgeHandler } from '../../http/idempotency-retention.js'
import { PURGE_JOB, payoutKeyRetention } from './idempotency.js'
import { MODE_RULES, payoutFees, REVERSAL_AFTER_SECONDS, type PayoutMode } from './modes.js'
import { decodeScenario } from './scenarios.js'
import { failureDetails, PROCESSED, processingDetails, type FailureReason } from './states.js'
import { payoutStore, type PayoutRow } from './store.js'
import { preparedQuery } from '../../store/prepared-query.js'
import { sql } from 'kysely'

export const SETTLE_JOB = 'payout.settle'
export const REVERSE_JOB = 'payout.reverse'

export async function announce(tx: Db, event: string, p: PayoutRow, now: number): Promise<void> {
  await recordEvent(tx, p.merchant_id, event, { payout: { entity: payoutToWire(p) } }, now)
}

/** Events announcing the same snapshot of `p`, rendered once. */
async function announceAll(tx: Db, events: readonly string[], p: PayoutRow, now: number): Promise<void> {
  await recordEvents(tx, p.merchant_id, events, { payout: { entity: payoutToWire(p) } }, now)
}

/** The total a payout takes from the balance once it processes. */
export function payoutDebit(p: { mode: string; amount: number }): number {
  return p.amount + payoutFees(p.mode as PayoutMode, p.amount).fees
}

/** The processing fields of a payout entering `processing` now. */
export function processingFields(mode: PayoutMode, amount: number, now: number) {
  const { fees, tax } = payoutFees(mode, amount)
  const settleAt = now + MODE_RULES[mode].settleAfter
  return { fees, tax, details: processingDetails(settleAt), settleAt }
}

/** Payouts one settle job run settles at most; more due makes it leave a job for the rest. */
export const SETTLE_BATCH = 100

/** Asked by every payout: is a shared settle job already pending for this merchant and second? */
const pendingSettle = preparedQuery((db, p: { merchantId: string; runAt: number }) =>
  db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', sql.lit('pending'))
    .where('merchant_id', '=', p.merchantId)
    .where('run_at', '=', p.runAt)
    .where('kind', '=', sql.lit(SETTLE_JOB))
    .where('subject_id', 'is', null),
)

async function ensureSettleJob(tx: Db, merchantId: string, runAt: number, now: number): Promise<void> {
  const second = String(runAt)
  if (knownPending(tx, merchantId, SETTLE_JOB, second)) return
  if (!(await pendingSettle.first(tx, { merchantId, runAt }))) await scheduleJob(tx, { merchantId, kind: SETTLE_JOB, runAt, now })
  rememberPending(tx, merchantId, SETTLE_JOB, second)
}

/**
 * Debits the business account for `p` (already in `processing`, with its fees), announces it and
 * schedules the bank's answer. Returns the account's new balance and the payout's JSON as announced
 * (a create answers with it), or null, having written nothing, when the balance does not cover
 * amount + fees.
 */
export async function debitIfCovered(tx: Db, acct: AccountRef, p: PayoutRow, now: number): Promise<{ balance: number; json: string } | null> {
  const moved = await postIfCovered(tx, acct, { refType: 'payout', refId: p.id, now }, [
    { account: X_LEDGER.beneficiaries, amount: p.amount },
    { account: ACCOUNTS.fees, amount: p.fees },
  ])
  if (moved === null) return null
  const { txnId, balance } = moved
  // payout.initiated, then its statement line: one statement for both rows.
  const json = JSON.stringify(payoutToWire(p))
  const initiated = entityEvent('payout.initiated', 'payout', json)
  await recordTransaction(tx, { account: acct, ledgerTxnId: txnId, credit: 0, debit: p.amount + p.fees, balance, source: payoutSource(p), now }, [initiated])
  if (p.settle_at === null) throw new Error(`payout ${p.id} is processing without settle_at`)
  await ensureSettleJob(tx, p.merchant_id, p.settle_at, now)
  return { balance, json }
}

/** debitIfCovered for a payout the caller checked the balance for: not covered is an internal error. */
async function debitAndSchedule(tx: Db, acct: AccountRef, p: PayoutRow, now: number): Promise<number> {
  const debited = await debitIfCovered(tx, acct, p, now)
  if (debited === null) throw new LedgerImbalance(`payout ${p.id} would make business account ${acct.id} negative`)
  return debited.balance
}

/** Moves a queued payout to processing (balance has arrived). Returns the new balance, or null if it moved on. */
async function promote(tx: Db, acct: BusinessAccountRow, p: PayoutRow, now: number): Promise<number | null> {
  const f = processingFields(p.mode as PayoutMode, p.amount, now)
  const next = await payoutStore.update(tx, p, { kind: 'processing', ...f }, now)
  if (!next) return null
  return debitAndSchedule(tx, acct, next, now)
}

/**
 * Processes queued payouts of this account, oldest first, each that the balance covers. A payout
 * whose fund account or contact was deactivated while it waited stays queued (CHOSEN: deactivating
 * is how Razorpay blocks payouts to an account; the merchant can cancel it, or reactivate and top up).
 */
export async function drainQueue(tx: Db, accountId: string, merchantId: string, now: number): Promise<void> {
  const acct = await businessAccountStore.findByMerchantIdAndId(tx, merchantId, accountId)
  if (!acct) return
  let balance = acct.balance
  for (const p of await payoutStore.listQueuedByBusinessAccountId(tx, acct.id)) {
    if (payoutDebit(p) > balance) continue
    if (!(await payeeActive(tx, p))) continue
    balance = (await promote(tx, acct, p, now)) ?? balance
  }
}

async function payeeActive(tx: Db, p: PayoutRow): Promise<boolean> {
  const fa = await fundAccountStore.findByMerchantIdAndId(tx, p.merchant_id, p.fund_account_id)
  if (!fa || fa.active !== 1) return false
  if (fa.contact_id === null) return true
  const contact = await contactStore.findByMerchantIdAndId(tx, p.merchant_id, fa.contact_id)
  return !contact || contact.active === 1
}

/** Credits amount + fees + tax back to the business account, then lets queued payouts use it. */
async function creditBack(tx: Db, p: PayoutRow, now: number): Promise<void> {
  const acct = await businessAccountStore.findByMerchantIdAndId(tx, p.merchant_id, p.business_account_id)
  if (!acct) throw new Error(`business account ${p.business_account_id} of payout ${p.id} is missing`)
  const reversalId = newXId('reversal')
  const { txnId, balance } = await postToAccount(tx, acct, { refType: 'payout_reversal', refId: p.id, now }, [
    { account: X_LEDGER.beneficiaries, amount: -p.amount },
    { account: ACCOUNTS.fees, amount: -p.fees },
  ])
  const source = { id: reversalId, entity: 'reversal', payout_id: p.id, amount: p.amount + p.fees, fee: p.fees, tax: p.tax, currency: p.currency, created_at: now }
  await recordTransaction(tx, { account: acct, ledgerTxnId: txnId, credit: p.amount + p.fees, debit: 0, balance, source, now })
  await drainQueue(tx, acct.id, acct.merchant_id, now)
}

/** A UTR in the shape each rail uses: 12 digits for IMPS/UPI, a 16-character NEFT or 22-character RTGS reference. */
function utrFor(mode: string): string {
  // randomInt takes ranges up to 2^48, so 12 digits per call (one call per digit was ~3 % of a settle job).
  const digits = (n: number): string => {
    let s = ''
    for (let left = n; left > 0; left -= 12) {
      const k = Math.min(left, 12)
      s += String(randomInt(10 ** k)).padStart(k, '0')
    }
    return s
  }
  if (mode === 'NEFT') return `YESBN${digits(11)}`
  if (mode === 'RTGS') return `YESBR${digits(17)}`
  return digits(12)
}

async function settle(tx: Db, p: PayoutRow, now: number): Promise<void> {
  const scenario = decodeScenario(p.scenario)
  if (scenario.kind === 'fail') return fail(tx, p, scenario.reason, now)
  const done = await payoutStore.update(tx, p, { kind: 'processed', utr: utrFor(p.mode), details: PROCESSED }, now)
  if (!done) return
  // payout.updated: the UTR arrived (RT:webhooks/payouts.md) — with the same snapshot.
  await announceAll(tx, ['payout.processed', 'payout.updated'], done, now)
  if (scenario.kind === 'reverse')
    await scheduleJob(tx, { merchantId: p.merchant_id, kind: REVERSE_JOB, subjectId: p.id, runAt: now + REVERSAL_AFTER_SECONDS, now })
}

async function fail(tx: Db, p: PayoutRow, reason: FailureReason, now: number): Promise<void> {
  const done = await payoutStore.update(tx, p, { kind: 'failed', details: failureDetails(reason) }, now)
  if (!done) return
  await announce(tx, 'payout.failed', done, now)
  await creditBack(tx, done, now)
}

/** processed → reversed: the beneficiary bank returned the money. */
export async function reverse(tx: Db, p: PayoutRow, reason: FailureReason, now: number): Promise<PayoutRow | null> {
  const done = await payoutStore.update(tx, p, { kind: 'reversed', details: failureDetails(reason) }, now)
  if (!done) return null
  await announce(tx, 'payout.reversed', done, now)
  await creditBack(tx, done, now)
  return done
}

/** Job kinds of the payouts slice (called from buildApp through razorpayx.ts). */
export function registerPayoutJobs(jobs: JobRegistry): void {
  jobs.register(SETTLE_JOB, async (tx, job, { now }) => {
    if (job.subject_id) {
      // A job made before migration 0012: it names its one payout.
      const p = await payoutStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id)
      if (p?.status === 'processing') await settle(tx, p, now)
      return
    }
    const due = await payoutStore.listDue(tx, job.merchant_id, now, SETTLE_BATCH + 1)
    for (const p of due.slice(0, SETTLE_BATCH)) await settle(tx, p, now)
    // More were due than one run settles (one transaction stays short): the rest get a job of their own.
    if (due.length > SETTLE_BATCH) await scheduleJob(tx, { merchantId: job.merchant_id, kind: SETTLE_JOB, runAt: job.run_at, now })
  })
  jobs.register(REVERSE_JOB, async (tx, job, { now }) => {
    const p = job.subject_id ? await payoutStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id) : undefined
    if (p?.status !== 'processed') return
    const scenario = decodeScenario(p.scenario)
    await reverse(tx, p, scenario.kind === 'success' ? 'beneficiary_bank_rejected' : scenario.reason, now)
  })
  jobs.register(PURGE_JOB, purgeHandler(payoutKeyRetention))
}
