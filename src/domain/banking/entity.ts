/**
 * Wire shapes of the business account's balance (RT:api/x/account-validation/balance-fetch.md)
 * and of the account-statement transaction carried by `transaction.created`
 * (RT:webhooks/transactions.md).
 */
import type { BusinessAccountRow } from './store.js'

export interface BankingBalanceWire {
  entity: 'banking_balance'
  currency: string
  account_number: string
  account_type: string
  bank_name: string | null
  bank_code: string | null
  amount: number
  available_amount: number
  refreshed_at: number
}

/** A RazorpayX Lite account has no bank behind it: bank_name and bank_code are null, as documented. */
export function bankingBalanceToWire(a: BusinessAccountRow, now: number): BankingBalanceWire {
  return {
    entity: 'banking_balance',
    currency: a.currency,
    account_number: a.account_number,
    account_type: a.account_type,
    bank_name: null,
    bank_code: null,
    amount: a.balance,
    available_amount: a.balance,
    refreshed_at: now,
  }
}

export interface TransactionWire {
  id: string
  entity: 'transaction'
  account_number: string
  amount: number
  currency: string
  credit: number
  debit: number
  balance: number
  source: Record<string, unknown>
  created_at: number
}

/** `txn_` + the body of the ledger transaction id, so a statement line points at its entries. */
export function transactionToWire(t: {
  ledgerTxnId: string
  account: Pick<BusinessAccountRow, 'account_number' | 'currency'>
  credit: number
  debit: number
  balance: number
  source: Record<string, unknown>
  now: number
}): TransactionWire {
  return {
    id: `txn_${t.ledgerTxnId.replace(/^ltx_/, '')}`,
    entity: 'transaction',
    account_number: t.account.account_number,
    amount: t.credit + t.debit,
    currency: t.account.currency,
    credit: t.credit,
    debit: t.debit,
    balance: t.balance,
    source: t.source,
    created_at: t.now,
  }
}
