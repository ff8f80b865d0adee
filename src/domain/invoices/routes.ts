/**
 * HTTP only: registration links (POST /v1/subscription_registration/auth_links, the SDK's
 * subscriptions.createRegistrationLink), invoices (/v1/invoices…) and items (/v1/items…).
 */
import { collection } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { invoiceToWire, itemToWire } from './entity.js'
import { createItem, deleteItem, editItem, getItem, listItems } from './items.js'
import { createRegistrationLink } from './registration.js'
import { InvoiceCreate, InvoiceEdit, InvoiceQuery, ItemCreate, ItemEdit, ItemQuery, RegistrationLinkCreate } from './schema.js'
import { cancelInvoice, createInvoice, deleteInvoice, editInvoice, getInvoice, issueInvoice, listInvoices, notifyInvoice } from './service.js'

export const invoiceRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/subscription_registration/auth_links',
    body: RegistrationLinkCreate,
    handler: async ({ merchant, body, deps, origin }) => invoiceToWire(await createRegistrationLink(deps, merchant, body, origin)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/invoices',
    body: InvoiceCreate,
    handler: async ({ merchant, body, deps, origin }) => invoiceToWire(await createInvoice(deps, merchant, body, origin)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/invoices',
    query: InvoiceQuery,
    handler: async ({ merchant, query, deps }) => collection((await listInvoices(deps, merchant.id, query)).map(invoiceToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/invoices/:id',
    handler: async ({ merchant, params, deps }) => invoiceToWire(await getInvoice(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/invoices/:id',
    body: InvoiceEdit,
    handler: async ({ merchant, params, body, deps }) => invoiceToWire(await editInvoice(deps, merchant.id, params.id, body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/invoices/:id',
    handler: async ({ merchant, params, deps }) => deleteInvoice(deps, merchant.id, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/invoices/:id/issue',
    handler: async ({ merchant, params, deps, origin }) => invoiceToWire(await issueInvoice(deps, merchant.id, params.id, origin)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/invoices/:id/cancel',
    handler: async ({ merchant, params, deps }) => invoiceToWire(await cancelInvoice(deps, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/invoices/:id/notify_by/:medium',
    handler: async ({ merchant, params, deps }) => notifyInvoice(deps, merchant.id, params.id, params.medium),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/items',
    body: ItemCreate,
    handler: async ({ merchant, body, deps }) => itemToWire(await createItem(deps, merchant.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/items',
    query: ItemQuery,
    handler: async ({ merchant, query, deps }) => collection((await listItems(deps, merchant.id, query)).map(itemToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/items/:id',
    handler: async ({ merchant, params, deps }) => itemToWire(await getItem(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/items/:id',
    body: ItemEdit,
    handler: async ({ merchant, params, body, deps }) => itemToWire(await editItem(deps, merchant.id, params.id, body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/items/:id',
    handler: async ({ merchant, params, deps }) => deleteItem(deps, merchant.id, params.id),
  }),
]
