/**
 * HTTP only: a customer's tokens, TokenHQ, recurring charges, and the sandbox's customer-side
 * mandate actions (UPI Autopay lets the customer pause, resume and revoke a mandate in their app).
 */
import { badRequest, errors } from '../../http/errors.js'
import { collection } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { isIdOf } from '../../shared/ids.js'
import { chargeResponse, createRecurringPayment } from './charge.js'
import { tokenHqToWire, tokenToWire } from './entity.js'
import { cardOfToken, moveToken } from './lifecycle.js'
import { RecurringPaymentCreate, TokenCreate, TokenRef } from './schema.js'
import {
  cardsOfTokens,
  createCardToken,
  deleteCustomerToken,
  deleteTokenByRef,
  getCustomerToken,
  listCustomerTokens,
  tokenByRef,
  transactionalData,
} from './service.js'
import { tokenStore } from './store.js'

export const tokenRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/customers/:id/tokens',
    handler: async ({ merchant, params, deps }) => {
      const tokens = await listCustomerTokens(deps, merchant.id, params.id)
      const cards = await cardsOfTokens(deps.store.db, merchant.id, tokens)
      return collection(tokens.map((t) => tokenToWire(t, t.card_id ? (cards.get(t.card_id) ?? null) : null)))
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/customers/:id/tokens/:token_id',
    handler: async ({ merchant, params, deps }) => {
      const t = await getCustomerToken(deps.store.db, merchant.id, params.id, params.token_id)
      return tokenToWire(t, await cardOfToken(deps.store.db, t))
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/customers/:id/tokens/:token_id',
    handler: async ({ merchant, params, deps }) => deleteCustomerToken(deps, merchant.id, params.id, params.token_id),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/create/recurring',
    body: RecurringPaymentCreate,
    handler: async ({ merchant, body, deps }) => chargeResponse(await createRecurringPayment(deps, merchant, body), merchant.keySecret),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/tokens',
    body: TokenCreate,
    handler: async ({ merchant, body, deps }) => {
      const t = await createCardToken(deps, merchant.id, body)
      return tokenHqToWire(t, await cardOfToken(deps.store.db, t))
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/tokens/fetch',
    body: TokenRef,
    handler: async ({ merchant, body, deps }) => {
      const t = await tokenByRef(deps.store.db, merchant.id, body)
      const card = await cardOfToken(deps.store.db, t)
      return t.source === 'tokenhq' ? tokenHqToWire(t, card) : { ...tokenToWire(t, card), customer_id: t.customer_id }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/tokens/delete',
    body: TokenRef,
    handler: async ({ merchant, body, deps }) => deleteTokenByRef(deps, merchant.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/tokens/service_provider_tokens/token_transactional_data',
    body: TokenRef,
    handler: async ({ merchant, body, deps }) => transactionalData(deps, merchant.id, body),
  }),
]

const CUSTOMER_ACTIONS = { pause: 'paused', resume: 'confirmed', revoke: 'cancelled' } as const

/**
 * POST /_sandbox/tokens/:id/{pause|resume|revoke}: what a customer does to a UPI mandate in their
 * UPI app (token.paused; token.cancelled on revoke; resuming records no event, none is documented).
 */
export const tokenSandboxRoutes = [
  defineRoute({
    method: 'POST',
    url: '/_sandbox/tokens/:id/:action',
    handler: async ({ merchant, params, deps }) => {
      const to = CUSTOMER_ACTIONS[params.action as keyof typeof CUSTOMER_ACTIONS]
      if (!to) throw errors.urlNotFound()
      if (!isIdOf('token', params.id)) throw errors.invalidId(params.id)
      const now = deps.clock.now(merchant.id)
      const t = await deps.store.write(async (tx) => {
        const t = await tokenStore.findByMerchantIdAndId(tx, merchant.id, params.id)
        if (!t) throw errors.notFound()
        if (t.method !== 'upi') throw badRequest('Only UPI mandates can be paused, resumed or revoked by the customer.', { field: 'id' })
        const after = await moveToken(tx, t, to, now)
        if (after.recurring_status !== to) throw badRequest(`A ${t.recurring_status} mandate cannot be ${params.action}d.`, { field: 'id' })
        return after
      })
      return tokenToWire(t, null)
    },
  }),
]
