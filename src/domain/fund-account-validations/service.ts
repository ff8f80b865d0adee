/**
 * RazorpayX fund account validations: create, fetch, list (RT:api/x/account-validation.md).
 *
 * Invariants:
 *  - A validation debits its business account once, on create, by amount + fees (amount is NULL
 *    for VPAs: they take no amount validation); the bank's answer credits back at most that
 *    (money.ts). The balance never goes negative: too little is a 400 `insufficient_funds`.
 *  - It leaves `created` exactly once, by the scheduled answer (processing.ts).
 * The row, its ledger posting, its statement event and its job commit in one transaction, run
 * one at a time per merchant with the other operations that spend its money.
 */
import type { Deps } from '../../http/context.js'
import { validateNotes } from '../../http/notes.js'
import { parsePage } from '../../http/pagination.js'
import { isIdOf, newId } from '../../shared/ids.js'
import type { Db, FundAccountValidationRow } from '../../store/schema.js'
import { findBusinessAccount } from '../banking/accounts.js'
import { xErrors, xInvalid, xRequired } from '../banking/errors.js'
import { contactStore } from '../contacts/store.js'
import { fundAccountDetails, type BankAccountDetails, type VpaDetails } from '../fund-accounts/entity.js'
import { getFundAccount } from '../fund-accounts/service.js'
import type { FundAccountRow } from '../fund-accounts/store.js'
import { insufficientBalance } from '../payouts/service.js'
import type { ValidationView } from './entity.js'
import { debitValidation, validationDebit, validationFees } from './money.js'
import { scheduleAnswer } from './processing.js'
import { encodeVerdict, verdictFor } from './scenarios.js'
import type { ValidationCreate, ValidationQuery } from './schema.js'
import { VALIDATABLE_TYPES } from './states.js'
import { validationStore } from './store.js'

/** The documented default; the guide's amount validation sends "between ₹1 and ₹2" (RT:x/fund-account-validation.md). */
export const DEFAULT_AMOUNT = 100
export const MAX_AMOUNT = 200

const FUND_ACCOUNT_ID = 'fund_account[id]'

interface ValidationInput {
  accountNumber: string
  fundAccountId: string
  amount: number
  notes: string
}

function text(v: string | null | undefined): string | null {
  const t = v?.trim()
  return t === undefined || t === '' ? null : t
}

/** Field rules of POST /v1/fund_accounts/validations, in the order Razorpay lists the fields. */
export function validateValidationInput(body: ValidationCreate): ValidationInput {
  const accountNumber = text(body.account_number)
  if (accountNumber === null) throw xRequired('account_number')
  if (body.fund_account === undefined) throw xRequired('fund_account')
  const fundAccountId = text(body.fund_account.id)
  if (fundAccountId === null) throw xRequired(FUND_ACCOUNT_ID)
  const currency = text(body.currency) ?? 'INR'
  if (currency !== 'INR') throw xInvalid('The selected currency is invalid.', 'currency')
  return { accountNumber, fundAccountId, amount: body.amount ?? DEFAULT_AMOUNT, notes: JSON.stringify(validateNotes(body.notes)) }
}

/** A bank account takes the penny; its range is checked only then, since a VPA ignores it. */
function pennyFor(fa: FundAccountRow, amount: number): number | null {
  if (fa.account_type !== 'bank_account') return null
  if (amount < DEFAULT_AMOUNT) throw xInvalid(`The amount must be at least ${DEFAULT_AMOUNT}.`, 'amount')
  if (amount > MAX_AMOUNT) throw xInvalid(`The amount may not be greater than ${MAX_AMOUNT}.`, 'amount')
  return amount
}

/** The name the simulated bank has on record: the bank account holder's, or the VPA's contact's. */
async function holderName(tx: Db, merchantId: string, fa: FundAccountRow): Promise<string> {
  if (fa.account_type === 'bank_account') return fundAccountDetails<BankAccountDetails>(fa).name
  const contact = fa.contact_id === null ? undefined : await contactStore.findByMerchantIdAndId(tx, merchantId, fa.contact_id)
  return contact?.name ?? fundAccountDetails<VpaDetails>(fa).username
}

export async function createValidation(deps: Deps, merchantId: string, body: ValidationCreate): Promise<ValidationView> {
  const input = validateValidationInput(body)
  const now = deps.clock.now(merchantId)
  return deps.store.write(
    async (tx) => {
      const acct = await findBusinessAccount(tx, merchantId, input.accountNumber, now)
      if (!acct) throw xErrors.accountNumberInvalid()
      const fundAccount = await getFundAccount(tx, merchantId, input.fundAccountId, FUND_ACCOUNT_ID)
      if (!(VALIDATABLE_TYPES as readonly string[]).includes(fundAccount.account_type))
        throw xInvalid(`Fund account validation is not supported for fund accounts of type ${fundAccount.account_type}.`, FUND_ACCOUNT_ID)
      const amount = pennyFor(fundAccount, input.amount)
      const row: FundAccountValidationRow = {
        id: newId('fundAccountValidation'),
        merchant_id: merchantId,
        business_account_id: acct.id,
        account_number: acct.account_number,
        fund_account_id: fundAccount.id,
        account_type: fundAccount.account_type,
        status: 'created',
        amount,
        currency: amount === null ? null : 'INR',
        ...validationFees(),
        notes: input.notes,
        account_status: null,
        registered_name: null,
        utr: null,
        scenario: encodeVerdict(verdictFor(fundAccount, await holderName(tx, merchantId, fundAccount))),
        created_at: now,
        updated_at: now,
      }
      if (acct.balance < validationDebit(row)) throw insufficientBalance()
      await validationStore.insert(tx, row)
      await debitValidation(tx, acct, row, now)
      await scheduleAnswer(tx, row, now)
      return { row, fundAccount }
    },
    // Spends the business account's money: one at a time with the merchant's payouts (store.ts WriteOptions).
    { serializeOn: `money:${merchantId}` },
  )
}

export async function getValidation(db: Db, merchantId: string, id: string): Promise<ValidationView> {
  if (!isIdOf('fundAccountValidation', id)) throw xErrors.invalidId(id)
  const row = await validationStore.findByMerchantIdAndId(db, merchantId, id)
  if (!row) throw xErrors.notFound()
  const fundAccount = await getFundAccount(db, merchantId, row.fund_account_id)
  return { row, fundAccount }
}

export async function listValidations(deps: Deps, merchantId: string, q: ValidationQuery): Promise<ValidationView[]> {
  const accountNumber = text(q.account_number)
  if (accountNumber === null) throw xRequired('account_number')
  const page = parsePage(q)
  const db = deps.store.db
  const rows = await validationStore.listByMerchantIdAndAccountNumber(db, merchantId, accountNumber, page)
  const fundAccounts = await validationStore.fundAccountsByMerchantIdAndIds(db, merchantId, rows.map((r) => r.fund_account_id))
  return rows.flatMap((row) => {
    const fundAccount = fundAccounts.get(row.fund_account_id)
    return fundAccount ? [{ row, fundAccount }] : [] // fund accounts are never deleted
  })
}
