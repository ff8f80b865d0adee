/**
 * Ledger assertions for tests: every posting sums to zero, so the whole ledger sums to zero per
 * currency (and per merchant) after every test — `afterEach(() => assertLedgerBalanced(s))`.
 */
import { sql } from 'kysely'
import { expect } from 'vitest'
import { ACCOUNTS, balance, totals } from '../../src/ledger/ledger.js'
import type { Db } from '../../src/store/schema.js'
import type { TestServer } from './harness.js'

export async function assertLedgerBalanced(s: TestServer): Promise<void> {
  const all = await totals(s.store.db)
  for (const [currency, sum] of Object.entries(all)) expect(sum, `ledger total in ${currency}`).toBe(0)
  // …and every ledger transaction on its own.
  const unbalanced = await s.store.db
    .selectFrom('ledger_entries')
    .select(['txn_id', (eb) => eb.fn.sum<number>('amount').as('total')])
    .groupBy(['txn_id', 'currency'])
    .having((eb) => eb.fn.sum('amount'), '!=', 0)
    .execute()
  expect(unbalanced).toEqual([])
}

/** A merchant's balances by well-known account (INR unless told). */
export async function balances(s: TestServer, merchantId: string, currency = 'INR'): Promise<Record<'customers' | 'merchantBalance' | 'fees' | 'merchantBank', number>> {
  const db = s.store.db
  return {
    customers: await balance(db, merchantId, ACCOUNTS.customers, currency),
    merchantBalance: await balance(db, merchantId, ACCOUNTS.merchantBalance, currency),
    // balance() refuses the fee account (it is never summed in src/, so migration 0012 left it out of
    // the index): tests sum it themselves.
    fees: await ledgerSum(db, merchantId, ACCOUNTS.fees, currency),
    merchantBank: await balance(db, merchantId, ACCOUNTS.merchantBank, currency),
  }
}

/** The sum of an account's entries, for any account (balance() refuses razorpay… accounts, which src/ never sums). */
export async function ledgerSum(db: Db, merchantId: string, account: string, currency = 'INR'): Promise<number> {
  const r = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('total'))
    .where('merchant_id', '=', merchantId)
    .where('account', '=', account)
    .where('currency', '=', currency)
    .executeTakeFirstOrThrow()
  return Number(r.total)
}
