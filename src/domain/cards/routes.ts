/**
 * /v1/cards and /v1/iins — HTTP only: fetch a card (GET /v1/cards/:id, SEED-002), card references
 * (POST /v1/cards/fingerprints for a number or a token, fingerprint.ts) and the IIN API (iins.ts).
 */
import { classifyCard } from '../../bank/index.js'
import { badRequest, errors } from '../../http/errors.js'
import { defineRoute } from '../../http/route.js'
import { isIdOf } from '../../shared/ids.js'
import { cardToWire } from '../payments/entity.js'
import { paymentStore } from '../payments/store.js'
import { cardOfToken } from '../tokens/lifecycle.js'
import { FingerprintRequest } from '../tokens/schema.js'
import { tokenStore } from '../tokens/store.js'
import { cardDigest, cardReference } from './fingerprint.js'
import { fetchIin, listIins } from './iins.js'

/** RT:api/payments/cards/fingerprints/fetch-tokenised-number.md, failure sample. */
const noReference = () =>
  badRequest('The card network was not able to provide card reference value for this request', {
    source: 'gateway',
    step: 'card_reference_provision',
    reason: 'card_reference_not_found',
  })

export const cardRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/cards/:id',
    handler: async ({ merchant, params, deps }) => {
      if (!isIdOf('card', params.id)) throw errors.invalidId(params.id)
      const card = await paymentStore.findCard(deps.store.db, merchant.id, params.id)
      if (!card) throw errors.notFound()
      return cardToWire(card)
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/cards/fingerprints',
    body: FingerprintRequest,
    handler: async ({ merchant, body, deps }) => {
      if (body.token !== undefined) {
        if (body.number !== undefined) throw errors.extraFields(['number'])
        if (!isIdOf('token', body.token)) throw errors.invalidId(body.token, 'token')
        const t = await tokenStore.findByMerchantIdAndId(deps.store.db, merchant.id, body.token)
        if (!t || t.status === 'deleted') throw errors.notFound('token')
        const card = await cardOfToken(deps.store.db, t)
        const ref = card && t.par ? cardReference(t.par, card.network) : null
        if (!card || !ref) throw noReference()
        // SEED-002 names the network `network`; the token page names it `provider`: both are sent.
        return { network: card.network, provider: card.network, ...ref }
      }
      if (body.number === undefined) throw errors.required('number')
      const c = classifyCard(body.number)
      if (!c.ok) throw badRequest(c.error.description, { field: 'number' })
      const ref = cardReference(cardDigest(String(body.number).replace(/\s/g, '')), c.info.network)
      if (!ref) throw noReference()
      return { network: c.info.network, ...ref }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/iins/list',
    handler: async ({ query }) => listIins(query),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/iins/:iin',
    handler: async ({ merchant, params, deps }) => fetchIin(deps, merchant.id, params.iin),
  }),
]
