/** Request shapes for settlements. Query values arrive as strings (or arrays, for expand[]). */
import { Type, type Static } from 'typebox'

export const SettlementQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
})

export const ReconQuery = Type.Object({
  year: Type.Optional(Type.String()),
  month: Type.Optional(Type.String()),
  day: Type.Optional(Type.String()),
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
})
export type ReconQuery = Static<typeof ReconQuery>

export const OndemandQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  expand: Type.Optional(Type.Array(Type.String())),
})

export const OndemandCreate = Type.Object(
  {
    amount: Type.Optional(Type.Integer()),
    settle_full_balance: Type.Optional(Type.Unknown()),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    notes: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
)
export type OndemandCreate = Static<typeof OndemandCreate>

export const ScheduleBody = Type.Object({ delay_days: Type.Unknown() }, { additionalProperties: false })
