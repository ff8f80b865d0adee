/**
 * Route's ledger postings. Every one sums to zero and is written in the transaction of the change
 * that causes it (ledger.ts), under the parent merchant's id:
 *
 *  | event                         | entries                                                                      |
 *  |-------------------------------|------------------------------------------------------------------------------|
 *  | transfer processed            | merchant_balance −(amount + fees), linked:<acc> +amount, razorpay_fees +fees |
 *  | reversal                      | linked:<acc> −amount, merchant_balance +amount (fees are not returned)       |
 *  | linked-account settlement     | linked:<acc> −amount, linked_bank:<acc> +amount                             |
 *  | sandbox top-up of the balance | sandbox_funds −amount, merchant_balance +amount                              |
 *
 * Invariants: a transfer is processed only when merchant_balance covers amount + fees, and a
 * reversal or settlement never takes more than linked:<acc> holds, so no linked account goes negative.
 */
import { ACCOUNTS, balance, post } from '../../ledger/ledger.js'
import type { Db } from '../../store/schema.js'

export const ROUTE_CURRENCY = 'INR'

export const ROUTE_LEDGER = {
  /** What a linked account holds: transfers credited, less reversals and its settlements. */
  linked: (accountId: string) => `linked:${accountId}`,
  /** The linked account's own bank account, where its settlements land. */
  linkedBank: (accountId: string) => `linked_bank:${accountId}`,
  /** Test money added to the merchant's payment balance (POST /_sandbox/balance without account_number). */
  sandboxFunds: 'sandbox_funds',
} as const

/** The merchant's payment balance: captured payments not yet settled, less refunds and transfers. */
export function paymentBalance(db: Db, merchantId: string): Promise<number> {
  return balance(db, merchantId, ACCOUNTS.merchantBalance, ROUTE_CURRENCY)
}

export function linkedBalance(db: Db, merchantId: string, accountId: string): Promise<number> {
  return balance(db, merchantId, ROUTE_LEDGER.linked(accountId), ROUTE_CURRENCY)
}

export function postTransfer(tx: Db, t: { id: string; merchant_id: string; recipient: string; amount: number; fees: number }, now: number): Promise<string> {
  return post(tx, { merchantId: t.merchant_id, currency: ROUTE_CURRENCY, refType: 'transfer', refId: t.id, now }, [
    { account: ACCOUNTS.merchantBalance, amount: -(t.amount + t.fees) },
    { account: ROUTE_LEDGER.linked(t.recipient), amount: t.amount },
    { account: ACCOUNTS.fees, amount: t.fees },
  ])
}

export function postReversal(tx: Db, r: { id: string; merchant_id: string; recipient: string; amount: number }, now: number): Promise<string> {
  return post(tx, { merchantId: r.merchant_id, currency: ROUTE_CURRENCY, refType: 'reversal', refId: r.id, now }, [
    { account: ROUTE_LEDGER.linked(r.recipient), amount: -r.amount },
    { account: ACCOUNTS.merchantBalance, amount: r.amount },
  ])
}

export function postLinkedSettlement(tx: Db, s: { id: string; merchantId: string; accountId: string; amount: number }, now: number): Promise<string> {
  return post(tx, { merchantId: s.merchantId, currency: ROUTE_CURRENCY, refType: 'linked_settlement', refId: s.id, now }, [
    { account: ROUTE_LEDGER.linked(s.accountId), amount: -s.amount },
    { account: ROUTE_LEDGER.linkedBank(s.accountId), amount: s.amount },
  ])
}

export function postTopUp(tx: Db, merchantId: string, ref: string, amount: number, now: number): Promise<string> {
  return post(tx, { merchantId, currency: ROUTE_CURRENCY, refType: 'sandbox_topup', refId: ref, now }, [
    { account: ROUTE_LEDGER.sandboxFunds, amount: -amount },
    { account: ACCOUNTS.merchantBalance, amount },
  ])
}
