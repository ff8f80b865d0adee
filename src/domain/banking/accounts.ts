/**
 * RazorpayX business accounts and their balances.
 *
 * Every merchant has one business account (a RazorpayX Lite account: its `account_number` is what
 * payouts send), created lazily on first use — in a transaction, under a unique index, so at most
 * one exists — with ₹1,00,00,000 of test balance.
 *
 * Invariant: an account's balance is its ledger balance (`razorpayx:<account_number>`), never
 * negative. Every movement goes through postToAccount(), which posts balanced ledger entries and
 * updates the cached `balance` column in the same transaction, refusing any debit that would make
 * it negative.
 */
import { randomInt } from 'node:crypto'
import { LedgerImbalance, post, type Posting } from '../../ledger/ledger.js'
import type { Db } from '../../store/schema.js'
import type { Store } from '../../store/store.js'
import { afterCommit } from '../../store/after-commit.js'
import { newXId } from './ids.js'
import { businessAccountStore, type BusinessAccountRow } from './store.js'

/** ₹1,00,00,000 in paise: every merchant's opening test balance. */
export const OPENING_BALANCE = 1_00_00_000_00

/** The counter-accounts of RazorpayX movements. */
export const X_LEDGER = {
  /** Money arriving from outside (test top-ups, the opening balance). */
  external: 'razorpayx_external',
  /** Money paid out to contacts' fund accounts. */
  beneficiaries: 'razorpayx_beneficiaries',
} as const

export function ledgerAccount(acct: { account_number: string }): string {
  return `razorpayx:${acct.account_number}`
}

/** 16 digits, like the Lite "customer identifier" Razorpay shows in test mode (7878780080316316). */
function accountNumber(): string {
  let s = '787878'
  for (let i = 0; i < 10; i++) s += String(randomInt(10))
  return s
}

/** The merchant's primary business account, created (with its opening balance) if it does not exist. */
export async function ensureBusinessAccount(tx: Db, merchantId: string, now: number): Promise<BusinessAccountRow> {
  const existing = await businessAccountStore.findPrimary(tx, merchantId)
  if (existing) return existing
  let number = accountNumber()
  for (let i = 0; i < 10 && (await businessAccountStore.numberTaken(tx, number)); i++) number = accountNumber()
  const row: BusinessAccountRow = {
    id: newXId('businessAccount'),
    merchant_id: merchantId,
    account_number: number,
    account_type: 'razorpayx_lite',
    is_primary: 1,
    balance: 0,
    currency: 'INR',
    created_at: now,
    updated_at: now,
  }
  await businessAccountStore.insert(tx, row)
  const { balance } = await postToAccount(tx, row, { refType: 'razorpayx_opening_balance', refId: row.id, now }, [
    { account: X_LEDGER.external, amount: -OPENING_BALANCE },
  ])
  return { ...row, balance }
}

/** Reads the merchant's business accounts, creating the primary one first if needed. */
export async function listBusinessAccounts(ctx: { store: Store }, merchantId: string, now: number): Promise<BusinessAccountRow[]> {
  if (!(await businessAccountStore.findPrimary(ctx.store.db, merchantId))) {
    await ctx.store.write((tx) => ensureBusinessAccount(tx, merchantId, now))
  }
  return businessAccountStore.listByMerchantId(ctx.store.db, merchantId)
}

/** The merchant's business account with this number (creating the primary one first), or undefined. */
export async function findBusinessAccount(tx: Db, merchantId: string, accountNumber: string, now: number): Promise<BusinessAccountRow | undefined> {
  const primary = await ensureBusinessAccount(tx, merchantId, now)
  if (primary.account_number === accountNumber) return primary
  return businessAccountStore.findByMerchantIdAndNumber(tx, merchantId, accountNumber)
}

/** What a movement needs of an account: none of it ever changes (its balance is read by the move itself). */
export type AccountRef = Pick<BusinessAccountRow, 'id' | 'merchant_id' | 'account_number' | 'currency'>

/**
 * Primary accounts' identities, per database (keyed by the Kysely adapter) and merchant. An
 * account's id, number and currency never change and an account is never deleted, so once one is
 * committed (after-commit.ts: a lazily created account that rolled back is never remembered), every
 * payout can skip reading it. Bounded.
 */
const primaries = new WeakMap<object, Map<string, AccountRef>>()
const MAX_PRIMARIES = 10_000

/**
 * findBusinessAccount for a movement: the account with this number, as an AccountRef, or undefined.
 * The merchant's primary account is read once per process (SQLite; on PostgreSQL every time).
 */
export async function findAccountRef(tx: Db, merchantId: string, accountNumber: string, now: number): Promise<AccountRef | undefined> {
  const adapter = tx.getExecutor().adapter
  let known = primaries.get(adapter)
  if (!known) primaries.set(adapter, (known = new Map()))
  let primary: AccountRef | undefined = known.get(merchantId)
  if (!primary) {
    const row = await ensureBusinessAccount(tx, merchantId, now)
    const ref: AccountRef = { id: row.id, merchant_id: row.merchant_id, account_number: row.account_number, currency: row.currency }
    const map = known
    afterCommit(tx, () => {
      if (map.size >= MAX_PRIMARIES) map.clear()
      map.set(merchantId, ref)
    })
    primary = ref
  }
  if (primary.account_number === accountNumber) return primary
  return businessAccountStore.findByMerchantIdAndNumber(tx, merchantId, accountNumber)
}

/**
 * Posts a movement of the business account against `counter` postings: the account moves by
 * −sum(counter), so the entries sum to zero. Returns the ledger transaction id and the new balance,
 * or null, having written nothing, when the account would go negative.
 */
export async function postIfCovered(
  tx: Db,
  acct: AccountRef,
  ref: { refType: string; refId: string; now: number },
  counter: Posting[],
): Promise<{ txnId: string; balance: number } | null> {
  const delta = -counter.reduce((s, p) => s + p.amount, 0)
  const balance = await businessAccountStore.addToBalance(tx, acct.id, delta, ref.now)
  if (balance === null) return null
  const txnId = await post(tx, { merchantId: acct.merchant_id, currency: acct.currency, ...ref }, [
    { account: ledgerAccount(acct), amount: delta },
    ...counter,
  ])
  return { txnId, balance }
}

/**
 * postIfCovered for a movement the caller knows is covered: it throws (an internal error, never a
 * client one) if the account would go negative.
 */
export async function postToAccount(
  tx: Db,
  acct: AccountRef,
  ref: { refType: string; refId: string; now: number },
  counter: Posting[],
): Promise<{ txnId: string; balance: number }> {
  const moved = await postIfCovered(tx, acct, ref, counter)
  if (moved === null) throw new LedgerImbalance(`${ref.refType} ${ref.refId} would make business account ${acct.id} negative`)
  return moved
}
