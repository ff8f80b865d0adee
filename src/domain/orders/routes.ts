/** /v1/orders — HTTP only: parse, call the service, render. */
import { badRequest } from '../../http/errors.js'
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { renderPayments } from '../payments/render.js'
import { paymentStore } from '../payments/store.js'
import { orderToWire, type OrderWire } from './entity.js'
import { OrderCreate, OrderEdit, OrderListQuery } from './schema.js'
import { createOrder, editOrderNotes, getOrder, listOrders } from './service.js'
import type { Db, OrderRow } from '../../store/schema.js'
import { orderTransferCollections, orderTransfersWire } from '../transfers/orders.js'

const ORDER_EXPANDS = new Set(['payments', 'payments.card', 'transfers', 'virtual_account'])

function parseExpand(expand: string[] | undefined): string[] {
  const list = expand ?? []
  for (const e of list) if (!ORDER_EXPANDS.has(e)) throw badRequest(`${e} is not a valid expand value`, { field: 'expand' })
  return list
}

async function renderOrders(db: Db, merchantId: string, rows: OrderRow[], expand: string[], transferStatus?: string): Promise<OrderWire[]> {
  const wires = rows.map(orderToWire)
  if (expand.includes('payments') || expand.includes('payments.card')) {
    const payments = await paymentStore.listByOrders(db, merchantId, rows.map((r) => r.id))
    const rendered = await renderPayments(db, merchantId, payments, expand.includes('payments.card') ? ['card'] : [])
    for (const w of wires) w.payments = collection(rendered.filter((p) => p.order_id === w.id))
  }
  // Route transfers set up on order create (domain/transfers/orders.ts); the SDK's fetchTransferOrder
  // sends `/orders/{id}/?expand[]=transfers&status`, where a non-empty status filters them.
  if (expand.includes('transfers')) {
    const byOrder = await orderTransferCollections(db, merchantId, rows.map((r) => r.id), transferStatus)
    for (const w of wires) w.transfers = byOrder.get(w.id) ?? collection([])
  }
  return wires
}

function parseBool01(v: string | undefined, field: string): boolean | undefined {
  if (v === undefined || v === '') return undefined
  if (v === '1' || v === 'true') return true
  if (v === '0' || v === 'false') return false
  throw badRequest(`The ${field} field must be true or false.`, { field })
}

export const orderRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/orders',
    body: OrderCreate,
    handler: async ({ merchant, body, deps, origin }) => {
      const order = await createOrder(deps, merchant.id, body, origin)
      const wire = orderToWire(order)
      // Route: the create response lists the order's transfers as a plain array (create-transfers-orders.md).
      if (body.transfers !== undefined) wire.transfers = await orderTransfersWire(deps.store.db, merchant.id, order.id)
      return wire
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/orders',
    query: OrderListQuery,
    handler: async ({ merchant, query, deps }) => {
      const page = parsePage(query)
      const expand = parseExpand(query.expand)
      const rows = await listOrders(deps, merchant.id, page, {
        receipt: query.receipt,
        authorized: parseBool01(query.authorized, 'authorized'),
      })
      return collection(await renderOrders(deps.store.db, merchant.id, rows, expand))
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/orders/:id',
    query: OrderListQuery,
    handler: async ({ merchant, params, query, deps }) => {
      const expand = parseExpand(query.expand)
      const order = await getOrder(deps.store.db, merchant.id, params.id)
      const status = (query as { status?: unknown }).status
      const [wire] = await renderOrders(deps.store.db, merchant.id, [order], expand, typeof status === 'string' ? status : undefined)
      return wire
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/orders/:id',
    body: OrderEdit,
    handler: async ({ merchant, params, body, deps }) => orderToWire(await editOrderNotes(deps, merchant.id, params.id, body.notes)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/orders/:id/payments',
    handler: async ({ merchant, params, deps }) => {
      const order = await getOrder(deps.store.db, merchant.id, params.id)
      const rows = await paymentStore.listByOrder(deps.store.db, merchant.id, order.id)
      return collection(await renderPayments(deps.store.db, merchant.id, rows, []))
    },
  }),
]
