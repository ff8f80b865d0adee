/**
 * The double-entry ledger: one source of truth for every balance (payments awaiting settlement,
 * settled funds, fees, later RazorpayX and Route balances). Every movement is posted as entries
 * that sum to zero, in the transaction of the change that causes it, so balances can always be
 * recomputed and the whole ledger always sums to zero.
 */
import { sql } from 'kysely'
import { newIdBody } from '../shared/ids.js'
import type { Db } from '../store/schema.js'
import { insertRows } from '../store/compiled-insert.js'

/** Well-known accounts. Credits (+) increase what the account holds. */
export const ACCOUNTS = {
  /** The outside world paying in (card networks, banks): debited on capture, credited on refund. */
  customers: 'customers',
  /** Captured payments net of fees and refunds, not yet settled: the merchant's payment balance. */
  merchantBalance: 'merchant_balance',
  /** Razorpay's fees and their GST. */
  fees: 'razorpay_fees',
  /** The merchant's own bank account, where settlements land. */
  merchantBank: 'merchant_bank',
} as const

export interface Posting {
  account: string
  amount: number
}

export class LedgerImbalance extends Error {}

export async function post(
  tx: Db,
  m: { merchantId: string; currency: string; refType: string; refId: string; now: number },
  postings: Posting[],
): Promise<string> {
  const sum = postings.reduce((s, p) => s + p.amount, 0)
  if (sum !== 0) throw new LedgerImbalance(`ledger postings for ${m.refType} ${m.refId} sum to ${sum}, not 0`)
  for (const p of postings) if (!Number.isSafeInteger(p.amount)) throw new LedgerImbalance(`non-integer amount ${p.amount}`)
  const txnId = `ltx_${newIdBody()}`
  const rows = postings
    .filter((p) => p.amount !== 0)
    .map((p) => ({
      merchant_id: m.merchantId,
      txn_id: txnId,
      account: p.account,
      amount: p.amount,
      currency: m.currency,
      ref_type: m.refType,
      ref_id: m.refId,
      created_at: m.now,
    }))
  await insertRows(tx, 'ledger_entries', rows)
  return txnId
}

/**
 * Accounts whose name starts with this are not summed: RazorpayX accounts keep their balance on
 * business_accounts, and Razorpay's fee account only receives. Their entries are left out of the
 * ledger_account index (migration 0012), and balance() names that condition so the index is used.
 */
const UNSUMMED_PREFIX = 'razorpay'

export async function balance(db: Db, merchantId: string, account: string, currency = 'INR'): Promise<number> {
  if (account.startsWith(UNSUMMED_PREFIX)) throw new Error(`balance(): ${account} is not summed from the ledger (see migration 0012)`)
  const r = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('total'))
    .where('merchant_id', '=', merchantId)
    .where('account', '=', account)
    .where(sql<boolean>`substr(account, 1, 8) <> 'razorpay'`)
    .where('currency', '=', currency)
    .executeTakeFirst()
  return Number(r?.total ?? 0)
}

/**
 * Call before reading a balance that the operation may spend (a transfer, a settlement, a reversal).
 * It rewrites the merchant's row to itself: on SQLite a no-op (one writer), on PostgreSQL a row lock
 * that turns "read the balance, then spend it" in two processes into a write conflict — the second
 * waits for the first and is re-run against the balance the first left (REPEATABLE READ alone would
 * let both read the same balance and both spend it).
 */
export async function lockMoney(tx: Db, merchantId: string): Promise<void> {
  await tx
    .updateTable('merchants')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', merchantId)
    .execute()
}

/** The sum of every entry, per currency. A correct ledger returns 0 for each. */
export async function totals(db: Db, merchantId?: string): Promise<Record<string, number>> {
  let q = db.selectFrom('ledger_entries').select(['currency', sql<number>`sum(amount)`.as('total')]).groupBy('currency')
  if (merchantId) q = q.where('merchant_id', '=', merchantId)
  const rows = await q.execute()
  return Object.fromEntries(rows.map((r) => [r.currency, Number(r.total)]))
}
