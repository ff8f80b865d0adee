/** Request shapes for contacts (RT:api/x/contacts/*.md). Rules beyond the shape live in service.ts. */
import { Type, type Static } from 'typebox'

const Text = Type.Union([Type.String(), Type.Null()])

const fields = {
  name: Type.Optional(Type.String()),
  email: Type.Optional(Text),
  contact: Type.Optional(Text),
  type: Type.Optional(Text),
  reference_id: Type.Optional(Text),
  notes: Type.Optional(Type.Unknown()),
}

export const ContactCreate = Type.Object(fields, { additionalProperties: false })
export type ContactCreate = Static<typeof ContactCreate>

export const ContactUpdate = Type.Object({ ...fields, active: Type.Optional(Type.Boolean()) }, { additionalProperties: false })
export type ContactUpdate = Static<typeof ContactUpdate>

export const ContactQuery = Type.Object({
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  contact: Type.Optional(Type.String()),
  reference_id: Type.Optional(Type.String()),
  active: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
})
export type ContactQuery = Static<typeof ContactQuery>
