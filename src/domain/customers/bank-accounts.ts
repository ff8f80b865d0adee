/**
 * A customer's bank accounts (RT:api/customers/bank-accounts.md): add (POST) and delete. IFSCs are
 * checked against the `ifsc` package's branch list, as for fund accounts, and give the bank name.
 * Deleting marks the account deleted and answers it with "status": "deleted".
 */
import type { Deps } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { bankNameOf, isKnownIfsc } from '../fund-accounts/ifsc.js'
import { isRIdOf, newRId } from './ids.js'
import type { BankAccountCreate } from './schema.js'
import { checkContact, checkEmail, getCustomer } from './service.js'
import { customerStore, type CustomerBankAccountRow } from './store.js'

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null
  const t = String(v).trim()
  return t === '' ? null : t
}

/** An IFSC of a real branch, upper-cased; the documented "Invalid IFSC Code" otherwise. */
export function checkIfsc(v: unknown, field: string): string {
  const ifsc = text(v)?.toUpperCase() ?? null
  if (ifsc === null) throw errors.required(field)
  if (!isKnownIfsc(ifsc)) throw badRequest('Invalid IFSC Code', { field })
  return ifsc
}

export function checkAccountNumber(v: unknown, field: string): string {
  const n = text(v)
  if (n === null) throw errors.required(field)
  if (!/^[a-zA-Z0-9]{5,35}$/.test(n)) throw badRequest(`The ${field} format is invalid.`, { field })
  return n
}

const BENEFICIARY = [
  'beneficiary_address1',
  'beneficiary_address2',
  'beneficiary_address3',
  'beneficiary_address4',
  'beneficiary_email',
  'beneficiary_mobile',
  'beneficiary_city',
  'beneficiary_state',
  'beneficiary_country',
  'beneficiary_pin',
] as const

export async function addBankAccount(deps: Deps, merchantId: string, customerId: string, input: BankAccountCreate): Promise<CustomerBankAccountRow> {
  const ifsc = checkIfsc(input.ifsc_code, 'ifsc_code')
  const number = checkAccountNumber(input.account_number, 'account_number')
  const name = text(input.beneficiary_name)
  if (name !== null && (name.length < 3 || name.length > 120))
    throw badRequest('The beneficiary name must be between 3 and 120 characters.', { field: 'beneficiary_name' })
  checkEmail(input.beneficiary_email, 'beneficiary_email')
  checkContact(input.beneficiary_mobile, 'beneficiary_mobile')
  const beneficiary: Record<string, string> = {}
  for (const k of BENEFICIARY) {
    const v = text(input[k])
    if (v !== null) {
      if (v.length > 255) throw badRequest(`The ${k} may not be greater than 255 characters.`, { field: k })
      beneficiary[k] = v
    }
  }
  const now = deps.clock.now(merchantId)
  return deps.store.write(async (tx) => {
    const c = await getCustomer(tx, merchantId, customerId)
    const row: CustomerBankAccountRow = {
      id: newRId('bankAccount'),
      merchant_id: merchantId,
      customer_id: c.id,
      ifsc,
      bank_name: bankNameOf(ifsc),
      name: name ?? c.name,
      account_number: number,
      beneficiary: JSON.stringify(beneficiary),
      status: 'active',
      created_at: now,
      deleted_at: null,
    }
    await customerStore.insertBankAccount(tx, row)
    return row
  })
}

export async function deleteBankAccount(deps: Deps, merchantId: string, customerId: string, id: string): Promise<CustomerBankAccountRow> {
  const now = deps.clock.now(merchantId)
  return deps.store.write(async (tx) => {
    const c = await getCustomer(tx, merchantId, customerId)
    if (!isRIdOf('bankAccount', id)) throw errors.invalidId(id)
    const b = await customerStore.findBankAccount(tx, merchantId, c.id, id)
    if (!b || b.status === 'deleted') throw errors.notFound()
    await customerStore.deleteBankAccount(tx, b.id, now)
    return { ...b, status: 'deleted', deleted_at: now }
  })
}
