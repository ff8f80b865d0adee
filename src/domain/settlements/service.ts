/**
 * Scheduled settlements. In each merchant's slot (09:00 IST on working days, calendar.ts) a job
 * pays out what is due: captured payments whose T+N slot has come (credit = amount − fee, the fee
 * including its GST) minus every refund of a captured payment posted since the last settlement.
 *
 * Partial settlement (RT:payments/settlements.md): the payout never exceeds the merchant's live
 * balance (ledger merchant_balance). Refunds are always deducted; then due payments are taken in
 * capture order, each only if it still fits the balance; those that do not roll over to the next
 * working day's slot. If nothing can be paid out (the refunds outweigh the credits) no settlement is
 * created and the items wait for a later slot.
 *
 * Invariants: a transaction is settled at most once (settlement_id is set once, under the job's
 * transaction); the settlement's amount equals the sum of its items' credits minus debits, and the
 * ledger moves exactly that from merchant_balance to merchant_bank.
 * Only INR is settled (Razorpay converts other currencies to INR at the payment-time rate, which the
 * sandbox does not model): captured payments in other currencies stay in the balance.
 */
import { randomBytes } from 'node:crypto'
import { errors } from '../../http/errors.js'
import type { Page } from '../../http/pagination.js'
import type { JobHandler } from '../../jobs/registry.js'
import { ACCOUNTS, balance, lockMoney, post } from '../../ledger/ledger.js'
import { isIdOf, newId } from '../../shared/ids.js'
import type { Db } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { nextSlotAfter } from './calendar.js'
import { settlementToWire } from './entity.js'
import { ensureSlotJob } from './schedule.js'
import { settlementStore, type SettlementItemRow, type SettlementRow } from './store.js'

export const SETTLEMENT_CURRENCY = 'INR'

/** A 16-character bank reference, e.g. `TJRS483920571633`. */
export function newUtr(prefix = 'TJRS'): string {
  const digits = [...randomBytes(16 - prefix.length)].map((b) => String(b % 10)).join('')
  return prefix + digits
}

/**
 * Which due items this slot pays out: every debit (refunds, and Route transfers from payments), then
 * credits (payments, and Route reversals back to the merchant) in order while they fit.
 */
export function chooseItems(items: SettlementItemRow[], available: number): { chosen: SettlementItemRow[]; rolled: SettlementItemRow[]; net: number } {
  const debits = items.filter((i) => i.type === 'refund' || i.type === 'transfer')
  let net = -debits.reduce((s, i) => s + i.debit, 0)
  const chosen = [...debits]
  const rolled: SettlementItemRow[] = []
  for (const p of items.filter((i) => i.type === 'payment' || i.type === 'reversal')) {
    if (net + p.credit <= available) {
      chosen.push(p)
      net += p.credit
    } else rolled.push(p)
  }
  return { chosen, rolled, net }
}

/**
 * The job handler: settles one merchant's slot. The settlement is dated at its slot (job.run_at),
 * even when the job runs a little later (the poller's interval, a restart); its event when it runs.
 */
export const runScheduledSettlement: JobHandler = async (tx, job, ctx) => {
  const merchantId = job.merchant_id
  const slot = job.run_at
  const at = slot
  await lockMoney(tx, merchantId)
  const items = await settlementStore.listSettleable(tx, merchantId, SETTLEMENT_CURRENCY, slot)
  if (items.length === 0) return
  const available = await balance(tx, merchantId, ACCOUNTS.merchantBalance, SETTLEMENT_CURRENCY)
  const { chosen, rolled, net } = chooseItems(items, available)
  if (net <= 0) return
  const settlement: SettlementRow = {
    id: newId('settlement'),
    merchant_id: merchantId,
    amount: net,
    currency: SETTLEMENT_CURRENCY,
    status: 'processed',
    fees: 0,
    tax: 0,
    utr: newUtr(),
    created_at: at,
    processed_at: at,
  }
  await settlementStore.insert(tx, settlement)
  await settlementStore.markSettled(tx, chosen.map((i) => i.entity_id), settlement.id, at)
  await post(tx, { merchantId, currency: SETTLEMENT_CURRENCY, refType: 'settlement', refId: settlement.id, now: at }, [
    { account: ACCOUNTS.merchantBalance, amount: -net },
    { account: ACCOUNTS.merchantBank, amount: net },
  ])
  await recordEvent(tx, merchantId, 'settlement.processed', { settlement: { entity: settlementToWire(settlement) } }, ctx.now)
  // "P3 will be scheduled for the next day … and paid in the next slot."
  if (rolled.length > 0) await ensureSlotJob(tx, merchantId, nextSlotAfter(slot), at)
}

export async function getSettlement(db: Db, merchantId: string, id: string): Promise<SettlementRow> {
  if (!isIdOf('settlement', id)) throw errors.invalidId(id)
  const s = await settlementStore.findByMerchantIdAndId(db, merchantId, id)
  if (!s) throw errors.notFound()
  return s
}

export function listSettlements(db: Db, merchantId: string, page: Page): Promise<SettlementRow[]> {
  return settlementStore.list(db, merchantId, page)
}
