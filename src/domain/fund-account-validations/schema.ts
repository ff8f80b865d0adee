/**
 * Request shapes for fund account validations (RT:api/x/account-validation/bank-account.md,
 * fetch-all-transactions.md). Rules beyond the shape (required fields, ranges, the fund account's
 * type) live in service.ts so that their errors read like Razorpay's.
 */
import { Type, type Static } from 'typebox'

const S = () => Type.Optional(Type.String())
const closed = { additionalProperties: false } as const

export const ValidationCreate = Type.Object(
  {
    account_number: S(),
    fund_account: Type.Optional(Type.Object({ id: S() }, closed)),
    amount: Type.Optional(Type.Integer()),
    currency: S(),
    notes: Type.Optional(Type.Unknown()),
  },
  closed,
)
export type ValidationCreate = Static<typeof ValidationCreate>

export const ValidationQuery = Type.Object({
  account_number: S(),
  count: S(),
  skip: S(),
  from: S(),
  to: S(),
})
export type ValidationQuery = Static<typeof ValidationQuery>
