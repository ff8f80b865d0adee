/**
 * The sandbox webhook API (outside /v1, authenticated with the merchant's key pair, served only
 * when the sandbox is on):
 *   GET  /_sandbox/webhook_deliveries?event_id&webhook_id&status&count&skip&from&to
 *        → collection of deliveries, newest first, each with its attempts (status code, latency, error)
 *   POST /_sandbox/events/:id/redeliver  [{"webhook_id": "…"}]
 *        → a new delivery of the event, due now, to each active endpoint subscribed to it (or to the
 *          one named); answers the collection of new deliveries
 */
import { Type } from 'typebox'
import { collection, parsePage } from '../http/pagination.js'
import { defineRoute } from '../http/route.js'
import { listDeliveries, redeliverEvent } from '../webhooks/deliveries.js'

const DeliveryQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  event_id: Type.Optional(Type.String()),
  webhook_id: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
})

const Redeliver = Type.Object({ webhook_id: Type.Optional(Type.String()) }, { additionalProperties: false })

export const webhookSandboxRoutes = [
  defineRoute({
    method: 'GET',
    url: '/_sandbox/webhook_deliveries',
    query: DeliveryQuery,
    handler: async ({ merchant, query, deps }) => {
      const page = parsePage(query)
      const { event_id, webhook_id, status } = query
      return collection(await listDeliveries(deps.store, merchant.id, { event_id, webhook_id, status }, page))
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/_sandbox/events/:id/redeliver',
    body: Redeliver,
    handler: async ({ merchant, params, body, deps }) => collection(await redeliverEvent(deps, merchant.id, params.id, body.webhook_id)),
  }),
]
