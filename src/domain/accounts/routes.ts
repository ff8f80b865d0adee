/** /v2/accounts (Route linked accounts) and the sandbox's activation shortcut — HTTP only. */
import { defineRoute } from '../../http/route.js'
import { linkedAccountToWire } from './entity.js'
import { AccountCreate, AccountEdit } from './schema.js'
import { activateLinkedAccount, createLinkedAccount, editLinkedAccount, getLinkedAccount, suspendLinkedAccount } from './service.js'

export const accountRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v2/accounts',
    body: AccountCreate,
    handler: async ({ merchant, body, deps }) => linkedAccountToWire(await createLinkedAccount(deps, merchant, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v2/accounts/:acc',
    handler: async ({ merchant, params, deps }) => linkedAccountToWire(await getLinkedAccount(deps.store.db, merchant.id, params.acc)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v2/accounts/:acc',
    body: AccountEdit,
    handler: async ({ merchant, params, body, deps }) => linkedAccountToWire(await editLinkedAccount(deps, merchant, params.acc, body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v2/accounts/:acc',
    handler: async ({ merchant, params, deps }) => linkedAccountToWire(await suspendLinkedAccount(deps, merchant, params.acc)),
  }),
]

/** POST /_sandbox/accounts/:id/activate → the account, its 24-hour cooling period over. */
export const accountSandboxRoutes = [
  defineRoute({
    method: 'POST',
    url: '/_sandbox/accounts/:acc/activate',
    handler: async ({ merchant, params, deps }) => linkedAccountToWire(await activateLinkedAccount(deps, merchant, params.acc)),
  }),
]
