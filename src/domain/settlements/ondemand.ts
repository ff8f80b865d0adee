/**
 * On-demand (instant) settlements: POST/GET /v1/settlements/ondemand[/:id]
 * (RT:api/settlements/instant/*.md, RT:payments/settlements/instant.md).
 *
 * The requested amount (or, with settle_full_balance, the whole live balance) leaves
 * merchant_balance at once: merchant_balance −amount, razorpay_fees +fees, merchant_bank
 * +(amount − fees). It is paid out over IMPS in payouts of at most ₹5 lakh each; the settlement is
 * `initiated` (payouts `created`) until a job a minute later marks everything `processed` with UTRs.
 *
 * Fees: 0.25% of each payout plus 18% GST on that fee, rounded half up — what the documented samples
 * show (₹2,000 → fees 590 incl. tax 90). `fees` includes `tax`, as on payments.
 * Limits: at least ₹1 ("Minimum amount that can be settled is ₹ 1.", the documented error), at most
 * ₹5 crore per settlement (the Instant Settlement maximum), and never more than the live balance.
 * The daily withdrawable limit is not modelled.
 */
import type { Deps } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import type { Page } from '../../http/pagination.js'
import type { JobHandler } from '../../jobs/registry.js'
import { scheduleJob } from '../../jobs/schedule.js'
import { ACCOUNTS, balance, lockMoney, post } from '../../ledger/ledger.js'
import { newIdBody } from '../../shared/ids.js'
import type { Db } from '../../store/schema.js'
import type { OndemandCreate } from './schema.js'
import { newUtr, SETTLEMENT_CURRENCY } from './service.js'
import { settlementStore, type OndemandPayoutRow, type OndemandSettlementRow } from './store.js'

export const ONDEMAND_JOB = 'settlement.ondemand'
/** Seconds between the request and the payouts being processed (IMPS is near-instant). */
export const ONDEMAND_PROCESSING_S = 60
export const MIN_ONDEMAND = 100
export const MAX_ONDEMAND = 5_00_00_000_00 // ₹5 crore
export const IMPS_PAYOUT_MAX = 5_00_000_00 // ₹5 lakh per IMPS credit
const FEE_BPS = 25
const GST_PCT = 18

const ID = /^setlod_[0-9A-Za-z]{14}$/

/** Fees (including GST) and GST of one on-demand payout. */
export function ondemandFee(amount: number): { fees: number; tax: number } {
  const base = Math.round((amount * FEE_BPS) / 10000)
  const tax = Math.round((base * GST_PCT) / 100)
  return { fees: base + tax, tax }
}

/** Splits an amount into IMPS payouts of at most ₹5 lakh. */
export function splitPayouts(amount: number): number[] {
  const parts: number[] = []
  for (let left = amount; left > 0; left -= IMPS_PAYOUT_MAX) parts.push(Math.min(left, IMPS_PAYOUT_MAX))
  return parts
}

const platformError = (description: string) => badRequest(description, { source: 'NA', step: 'NA', reason: 'NA' })

function parseFullBalance(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false
  if (v === true || v === 1 || v === '1' || v === 'true') return true
  if (v === false || v === 0 || v === '0' || v === 'false') return false
  throw badRequest('The settle full balance field must be true or false.', { field: 'settle_full_balance' })
}

export interface OndemandResult {
  settlement: OndemandSettlementRow
  payouts: OndemandPayoutRow[]
}

export async function createOndemandSettlement(deps: Deps, merchantId: string, input: OndemandCreate): Promise<OndemandResult> {
  const now = deps.clock.now(merchantId)
  const full = parseFullBalance(input.settle_full_balance)
  const notes = validateNotes(input.notes)
  const description = input.description ?? null
  if (description !== null && !/^[a-zA-Z0-9 ]*$/.test(description))
    throw badRequest('The description format is invalid.', { field: 'description' })
  if (!full) {
    if (input.amount === undefined) throw errors.required('amount')
    if (input.amount < MIN_ONDEMAND) throw platformError('Minimum amount that can be settled is ₹ 1.')
    // CHOSEN text: the docs give the limit (₹5 Cr per instant settlement), not its error.
    if (input.amount > MAX_ONDEMAND) throw platformError('Maximum amount that can be settled instantly is ₹ 5,00,00,000.')
  }
  return deps.store.write(async (tx) => {
    await lockMoney(tx, merchantId)
    const available = await balance(tx, merchantId, ACCOUNTS.merchantBalance, SETTLEMENT_CURRENCY)
    const amount = full ? Math.min(available, MAX_ONDEMAND) : (input.amount as number)
    // CHOSEN text: the docs do not show the insufficient-balance error.
    if (amount > available || amount < MIN_ONDEMAND)
      throw platformError('The amount requested is more than the balance available for instant settlement.')
    const id = `setlod_${newIdBody()}`
    const payouts: OndemandPayoutRow[] = splitPayouts(amount).map((part) => ({
      id: `setlodp_${newIdBody()}`,
      merchant_id: merchantId,
      settlement_id: id,
      amount: part,
      amount_settled: null,
      ...ondemandFee(part),
      utr: null,
      status: 'created',
      initiated_at: null,
      processed_at: null,
      reversed_at: null,
      created_at: now,
    }))
    const fees = payouts.reduce((s, p) => s + p.fees, 0)
    const tax = payouts.reduce((s, p) => s + p.tax, 0)
    const settlement: OndemandSettlementRow = {
      id,
      merchant_id: merchantId,
      amount_requested: amount,
      amount_settled: 0,
      amount_pending: amount - fees,
      amount_reversed: 0,
      fees,
      tax,
      currency: SETTLEMENT_CURRENCY,
      settle_full_balance: full ? 1 : 0,
      status: 'initiated',
      description,
      notes: JSON.stringify(notes),
      created_at: now,
      processed_at: null,
    }
    await settlementStore.insertOndemand(tx, settlement)
    for (const p of payouts) await settlementStore.insertOndemandPayout(tx, p)
    await post(tx, { merchantId, currency: SETTLEMENT_CURRENCY, refType: 'ondemand_settlement', refId: id, now }, [
      { account: ACCOUNTS.merchantBalance, amount: -amount },
      { account: ACCOUNTS.fees, amount: fees },
      { account: ACCOUNTS.merchantBank, amount: amount - fees },
    ])
    await scheduleJob(tx, { merchantId, kind: ONDEMAND_JOB, subjectId: id, runAt: now + ONDEMAND_PROCESSING_S, now })
    return { settlement, payouts }
  })
}

/** The job: the payouts reach the bank (test mode never reverses them). */
export const processOndemandSettlement: JobHandler = async (tx, job, { now }) => {
  if (!job.subject_id) return
  const s = await settlementStore.findOndemand(tx, job.merchant_id, job.subject_id)
  if (!s || s.status !== 'initiated') return
  for (const p of await settlementStore.listOndemandPayouts(tx, s.merchant_id, [s.id])) {
    if (p.status !== 'created') continue
    await settlementStore.updateOndemandPayout(tx, p.id, {
      status: 'processed',
      amount_settled: p.amount - p.fees,
      utr: newUtr('TJRI'),
      initiated_at: now,
      processed_at: now,
    })
  }
  await settlementStore.updateOndemand(tx, s.id, { status: 'processed', amount_settled: s.amount_requested - s.fees, amount_pending: 0, processed_at: now })
}

export function parseOndemandExpand(expand: string[] | undefined): boolean {
  let payouts = false
  for (const e of expand ?? []) {
    if (e === 'ondemand_payouts') payouts = true
    else throw badRequest(`${e} is not a valid expand value`, { field: 'expand' })
  }
  return payouts
}

export async function getOndemandSettlement(db: Db, merchantId: string, id: string, withPayouts: boolean): Promise<OndemandResult> {
  if (!ID.test(id)) throw errors.invalidId(id)
  const settlement = await settlementStore.findOndemand(db, merchantId, id)
  if (!settlement) throw errors.notFound()
  const payouts = withPayouts ? await settlementStore.listOndemandPayouts(db, merchantId, [id]) : []
  return { settlement, payouts }
}

export async function listOndemandSettlements(db: Db, merchantId: string, page: Page, withPayouts: boolean): Promise<OndemandResult[]> {
  const rows = await settlementStore.listOndemand(db, merchantId, page)
  const payouts = withPayouts ? await settlementStore.listOndemandPayouts(db, merchantId, rows.map((r) => r.id)) : []
  return rows.map((settlement) => ({ settlement, payouts: payouts.filter((p) => p.settlement_id === settlement.id) }))
}
