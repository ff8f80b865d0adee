/** Request shapes for refunds. */
import { Type, type Static } from 'typebox'

export const RefundCreate = Type.Object(
  {
    amount: Type.Optional(Type.Integer()),
    speed: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('optimum')])),
    notes: Type.Optional(Type.Unknown()),
    receipt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    // Route (issue 4): reverse the payment's transfers first (transfers/reversals.ts).
    reverse_all: Type.Optional(Type.Union([Type.Boolean(), Type.Integer({ minimum: 0, maximum: 1 })])),
  },
  { additionalProperties: false },
)
export type RefundCreate = Static<typeof RefundCreate>

export const RefundEdit = Type.Object({ notes: Type.Unknown() }, { additionalProperties: false })

export const RefundQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
})
