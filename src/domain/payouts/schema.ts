/** Request shapes for payouts (RT:api/x/payouts/create/*.md, fetch-all.md). Rules beyond the shape live in service.ts. */
import { Type, type Static } from 'typebox'

const Text = Type.Union([Type.String(), Type.Null()])

export const PayoutCreate = Type.Object(
  {
    account_number: Type.Optional(Type.String()),
    fund_account_id: Type.Optional(Type.String()),
    amount: Type.Optional(Type.Integer()),
    currency: Type.Optional(Type.String()),
    mode: Type.Optional(Type.String()),
    purpose: Type.Optional(Type.String()),
    queue_if_low_balance: Type.Optional(Type.Boolean()),
    reference_id: Type.Optional(Text),
    narration: Type.Optional(Text),
    notes: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
)
export type PayoutCreate = Static<typeof PayoutCreate>

export const PayoutQuery = Type.Object({
  account_number: Type.Optional(Type.String()),
  contact_id: Type.Optional(Type.String()),
  fund_account_id: Type.Optional(Type.String()),
  mode: Type.Optional(Type.String()),
  reference_id: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
})
export type PayoutQuery = Static<typeof PayoutQuery>
