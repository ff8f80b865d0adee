/** Request shapes for fund accounts (RT:api/x/fund-accounts/*.md, RT:api/customers/customer-fund-account.md). */
import { Type, type Static } from 'typebox'

const S = () => Type.Optional(Type.String())
const closed = { additionalProperties: false } as const

export const FundAccountCreate = Type.Object(
  {
    contact_id: S(),
    customer_id: S(),
    account_type: S(),
    bank_account: Type.Optional(Type.Object({ name: S(), ifsc: S(), account_number: S() }, closed)),
    vpa: Type.Optional(Type.Object({ address: S() }, closed)),
    card: Type.Optional(Type.Object({ number: S(), name: S(), input_type: S(), expiry_month: S(), expiry_year: S() }, closed)),
    wallet: Type.Optional(Type.Object({ provider: S(), phone: S(), email: S(), name: S() }, closed)),
  },
  closed,
)
export type FundAccountCreate = Static<typeof FundAccountCreate>

/** Fund accounts cannot be edited, only activated or deactivated. */
export const FundAccountUpdate = Type.Object({ active: Type.Optional(Type.Boolean()) }, closed)
export type FundAccountUpdate = Static<typeof FundAccountUpdate>

export const FundAccountQuery = Type.Object({
  contact_id: S(),
  customer_id: S(),
  account_type: S(),
  active: S(),
  count: S(),
  skip: S(),
  from: S(),
  to: S(),
})
export type FundAccountQuery = Static<typeof FundAccountQuery>
