/**
 * Request shapes for webhook endpoints. Fields whose accepted forms are wider than one JSON type
 * (events: list or map; active: true/"true"/1/"1") are checked in the service, which words the
 * errors as Razorpay does.
 */
import { Type, type Static } from 'typebox'

/** Handler-testing knobs per endpoint (a Tijori extension; docs/webhooks.md). */
export const ChaosSchema = Type.Union([
  Type.Object(
    {
      duplicate: Type.Optional(Type.Boolean()),
      delay_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
      drop_first: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
])

const fields = {
  url: Type.Optional(Type.String()),
  alert_email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  secret: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
  events: Type.Optional(Type.Unknown()),
  active: Type.Optional(Type.Unknown()),
  chaos: Type.Optional(ChaosSchema),
}

/** Create (url and events are required; checked in the service for Razorpay's wording and order). */
export const WebhookCreate = Type.Object(fields, { additionalProperties: false })
export type WebhookCreate = Static<typeof WebhookCreate>

/** Edit (PUT /v1, PATCH /v2): any subset of the fields. */
export const WebhookEdit = Type.Object(fields, { additionalProperties: false })
export type WebhookEdit = Static<typeof WebhookEdit>

export const WebhookListQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
})
export type WebhookListQuery = Static<typeof WebhookListQuery>
