/** /v1/contacts — HTTP only (RT:api/x/contacts.md). */
import { collection } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { contactToWire } from './entity.js'
import { ContactCreate, ContactQuery, ContactUpdate } from './schema.js'
import { createContact, getContact, listContacts, updateContact } from './service.js'

export const contactRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/contacts',
    body: ContactCreate,
    handler: async ({ merchant, body, deps }) => contactToWire(await createContact(deps, merchant.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/contacts',
    query: ContactQuery,
    handler: async ({ merchant, query, deps }) => collection((await listContacts(deps, merchant.id, query)).map(contactToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/contacts/:id',
    handler: async ({ merchant, params, deps }) => contactToWire(await getContact(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/contacts/:id',
    body: ContactUpdate,
    handler: async ({ merchant, params, body, deps }) => contactToWire(await updateContact(deps, merchant.id, params.id, body)),
  }),
]
