/** /v1/refunds and /v1/payments/:id/refund(s) — HTTP only. */
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { refundToWire } from './entity.js'
import { REFUND_IDEMPOTENCY_HEADER } from './idempotency.js'
import { RefundCreate, RefundEdit, RefundQuery } from './schema.js'
import { createRefund, editRefundNotes, getPaymentRefund, getRefund, listRefunds } from './service.js'

const header = REFUND_IDEMPOTENCY_HEADER.toLowerCase()

export const refundRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/payments/:id/refund',
    body: RefundCreate,
    handler: async ({ merchant, params, body, headers, deps }) => {
      const key = headers[header]
      return refundToWire(await createRefund(deps, merchant, params.id, body, Array.isArray(key) ? key[0] : key))
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/payments/:id/refunds',
    query: RefundQuery,
    handler: async ({ merchant, params, query, deps }) =>
      collection((await listRefunds(deps, merchant.id, parsePage(query), params.id)).map(refundToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/payments/:id/refunds/:refundId',
    handler: async ({ merchant, params, deps }) =>
      refundToWire(await getPaymentRefund(deps.store.db, merchant.id, params.id, params.refundId)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/refunds',
    query: RefundQuery,
    handler: async ({ merchant, query, deps }) => collection((await listRefunds(deps, merchant.id, parsePage(query))).map(refundToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/refunds/:id',
    handler: async ({ merchant, params, deps }) => refundToWire(await getRefund(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/refunds/:id',
    body: RefundEdit,
    handler: async ({ merchant, params, body, deps }) => refundToWire(await editRefundNotes(deps, merchant.id, params.id, body.notes)),
  }),
]
