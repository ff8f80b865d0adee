/**
 * What a validation costs and how that money moves (RT:api/x/account-validation/bank-account.md:
 * "Fees and tax, if any, are deducted from your account balance"; RT:x/fund-accounts/faqs.md:
 * "there is a verification charge for every validation … if the validation moves to a failed
 * state, the charges will be reversed").
 *
 *   on create     business account −(amount + fees): the penny to the beneficiary, the fee to Razorpay
 *   completed     active: nothing more; invalid: the bank returns the penny (the fee stays)
 *   failed        amount and fees both come back
 *
 * Razorpay does not publish the fee; Tijori's is ₹2 + 18% GST (fees 236, tax 36), like payouts'
 * own fees. Every movement is one balanced ledger posting plus a `transaction.created` statement
 * line, in the caller's transaction; money coming back lets queued payouts through.
 */
import { ACCOUNTS } from '../../ledger/ledger.js'
import type { Db, FundAccountValidationRow } from '../../store/schema.js'
import { postToAccount, X_LEDGER } from '../banking/accounts.js'
import { newXId } from '../banking/ids.js'
import { businessAccountStore, type BusinessAccountRow } from '../banking/store.js'
import { recordTransaction } from '../banking/transactions.js'
import { drainQueue } from '../payouts/processing.js'
import { validationSource } from './entity.js'

const FEE = 200
const GST_PCT = 18

/** `fees` includes `tax`, as on payouts. */
export function validationFees(): { fees: number; tax: number } {
  const tax = Math.round((FEE * GST_PCT) / 100)
  return { fees: FEE + tax, tax }
}

/** The total a validation takes from the balance when it is created. */
export function validationDebit(v: Pick<FundAccountValidationRow, 'amount' | 'fees'>): number {
  return (v.amount ?? 0) + v.fees
}

/** Takes amount + fees from the business account (the caller checked the balance covers it). */
export async function debitValidation(tx: Db, acct: BusinessAccountRow, v: FundAccountValidationRow, now: number): Promise<void> {
  const { txnId, balance } = await postToAccount(tx, acct, { refType: 'fund_account_validation', refId: v.id, now }, [
    { account: X_LEDGER.beneficiaries, amount: v.amount ?? 0 },
    { account: ACCOUNTS.fees, amount: v.fees },
  ])
  const debit = validationDebit(v)
  await recordTransaction(tx, { account: acct, ledgerTxnId: txnId, credit: 0, debit, balance, source: validationSource(v), now })
}

/** Credits back what the bank's answer returns: the penny, and the fee too if `withFees`. */
export async function creditBackValidation(tx: Db, v: FundAccountValidationRow, withFees: boolean, now: number): Promise<void> {
  const amount = v.amount ?? 0
  const fees = withFees ? v.fees : 0
  const tax = withFees ? v.tax : 0
  if (amount + fees === 0) return
  const acct = await businessAccountStore.findByMerchantIdAndId(tx, v.merchant_id, v.business_account_id)
  if (!acct) throw new Error(`business account ${v.business_account_id} of validation ${v.id} is missing`)
  const { txnId, balance } = await postToAccount(tx, acct, { refType: 'fund_account_validation_reversal', refId: v.id, now }, [
    { account: X_LEDGER.beneficiaries, amount: -amount },
    { account: ACCOUNTS.fees, amount: -fees },
  ])
  const source = { id: newXId('reversal'), entity: 'reversal', fund_account_validation_id: v.id, amount: amount + fees, fee: fees, tax, currency: 'INR', created_at: now }
  await recordTransaction(tx, { account: acct, ledgerTxnId: txnId, credit: amount + fees, debit: 0, balance, source, now })
  await drainQueue(tx, acct.id, acct.merchant_id, now)
}
