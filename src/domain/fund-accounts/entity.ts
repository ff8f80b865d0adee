/**
 * The fund account as shown by RazorpayX (RT:api/x/fund-accounts/entity.md) and by the customer
 * fund-account API (RT:api/customers/customer-fund-account.md): the owner (`contact_id` or
 * `customer_id`), the account type, and one sub-object named after the type.
 */
import type { FundAccountRow } from './store.js'

export interface BankAccountDetails {
  ifsc: string
  bank_name: string | null
  name: string
  notes: never[]
  account_number: string
}
export interface VpaDetails {
  username: string
  handle: string
  address: string
}
export interface CardDetails {
  name: string | null
  last4: string
  network: string
  type: string
  issuer: string | null
  input_type: string
}
export interface WalletDetails {
  provider: string
  phone: string
  email: string | null
  name: string | null
}
export type FundAccountDetails = BankAccountDetails | VpaDetails | CardDetails | WalletDetails

export type FundAccountWire = {
  id: string
  entity: 'fund_account'
  contact_id?: string
  customer_id?: string
  account_type: string
  batch_id: string | null
  active: boolean
  created_at: number
} & Record<string, unknown>

export function fundAccountToWire(f: FundAccountRow): FundAccountWire {
  const owner = f.customer_id !== null ? { customer_id: f.customer_id } : { contact_id: f.contact_id ?? '' }
  return {
    id: f.id,
    entity: 'fund_account',
    ...owner,
    account_type: f.account_type,
    [f.account_type]: JSON.parse(f.details) as FundAccountDetails,
    batch_id: f.batch_id,
    active: f.active === 1,
    created_at: f.created_at,
  }
}

export function fundAccountDetails<T extends FundAccountDetails>(f: FundAccountRow): T {
  return JSON.parse(f.details) as T
}
