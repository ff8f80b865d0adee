/**
 * Webhook endpoints — HTTP only. The SDK's two forms (shared/spec/sdk-surface.md, rzp.webhooks):
 *   v1: POST /v1/webhooks, PUT /v1/webhooks/:id, GET /v1/webhooks
 *       (+ GET and DELETE /v1/webhooks/:id, which the SDK does not call but `tijori listen` and curl users may)
 *   v2: POST /v2/accounts/:account_id/webhooks, PATCH|GET|DELETE …/webhooks/:id,
 *       GET …/webhooks/ (the SDK adds a trailing slash; the router ignores it). DELETE answers [].
 * The account in a v2 path must be the caller's own acc_ id.
 */
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { webhookToWire } from './entity.js'
import { WebhookCreate, WebhookEdit, WebhookListQuery } from './schema.js'
import { assertOwnAccount, createWebhook, deleteWebhook, editWebhook, getWebhook, listWebhooks } from './service.js'

const V2 = '/v2/accounts/:account_id/webhooks'

export const webhookRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/webhooks',
    body: WebhookCreate,
    handler: async ({ merchant, body, deps }) => webhookToWire(await createWebhook(deps, merchant.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/webhooks',
    query: WebhookListQuery,
    handler: async ({ merchant, query, deps }) =>
      collection((await listWebhooks(deps.store.db, merchant.id, parsePage(query))).map(webhookToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/webhooks/:id',
    handler: async ({ merchant, params, deps }) => webhookToWire(await getWebhook(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/webhooks/:id',
    body: WebhookEdit,
    handler: async ({ merchant, params, body, deps }) => webhookToWire(await editWebhook(deps, merchant.id, params.id, body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/webhooks/:id',
    handler: async ({ merchant, params, deps }) => {
      await deleteWebhook(deps, merchant.id, params.id)
      return []
    },
  }),

  defineRoute({
    method: 'POST',
    url: V2,
    body: WebhookCreate,
    handler: async ({ merchant, params, body, deps }) => {
      assertOwnAccount(merchant.id, params.account_id)
      return webhookToWire(await createWebhook(deps, merchant.id, body))
    },
  }),
  defineRoute({
    method: 'GET',
    url: V2,
    query: WebhookListQuery,
    handler: async ({ merchant, params, query, deps }) => {
      assertOwnAccount(merchant.id, params.account_id)
      return collection((await listWebhooks(deps.store.db, merchant.id, parsePage(query))).map(webhookToWire))
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${V2}/:id`,
    handler: async ({ merchant, params, deps }) => {
      assertOwnAccount(merchant.id, params.account_id)
      return webhookToWire(await getWebhook(deps.store.db, merchant.id, params.id))
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: `${V2}/:id`,
    body: WebhookEdit,
    handler: async ({ merchant, params, body, deps }) => {
      assertOwnAccount(merchant.id, params.account_id)
      return webhookToWire(await editWebhook(deps, merchant.id, params.id, body))
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: `${V2}/:id`,
    handler: async ({ merchant, params, deps }) => {
      assertOwnAccount(merchant.id, params.account_id)
      await deleteWebhook(deps, merchant.id, params.id)
      return []
    },
  }),
]
