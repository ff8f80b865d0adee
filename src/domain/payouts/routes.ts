/** /v1/payouts — HTTP only (RT:api/x/payouts.md). */
import { collection } from '../../http/pagination.js'
import { defineRoute, RenderedJson } from '../../http/route.js'
import { payoutToWire } from './entity.js'
import { PAYOUT_IDEMPOTENCY_HEADER } from './idempotency.js'
import { PayoutCreate, PayoutQuery } from './schema.js'
import { cancelPayout, createPayout, getPayout, listPayouts } from './service.js'

const header = PAYOUT_IDEMPOTENCY_HEADER.toLowerCase()

export const payoutRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/payouts',
    body: PayoutCreate,
    handler: async ({ merchant, body, headers, deps }) => {
      const key = headers[header]
      const created = await createPayout(deps, merchant, body, Array.isArray(key) ? key.join(', ') : key)
      // A new processing payout was rendered for its payout.initiated event: the same bytes answer.
      return created.json !== undefined ? new RenderedJson(created.json) : payoutToWire(created.payout)
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/payouts',
    query: PayoutQuery,
    handler: async ({ merchant, query, deps }) => collection((await listPayouts(deps, merchant.id, query)).map(payoutToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/payouts/:id',
    handler: async ({ merchant, params, deps }) => payoutToWire(await getPayout(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payouts/:id/cancel',
    handler: async ({ merchant, params, deps }) => payoutToWire(await cancelPayout(deps, merchant.id, params.id)),
  }),
]
