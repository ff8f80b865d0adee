/** /v1/fund_accounts — HTTP only (RT:api/x/fund-accounts.md; RT:api/customers/customer-fund-account.md). */
import { collection } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { fundAccountToWire } from './entity.js'
import { FundAccountCreate, FundAccountQuery, FundAccountUpdate } from './schema.js'
import { createFundAccount, getFundAccount, listFundAccounts, setFundAccountActive } from './service.js'

export const fundAccountRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/fund_accounts',
    body: FundAccountCreate,
    handler: async ({ merchant, body, deps }) => fundAccountToWire(await createFundAccount(deps, merchant.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/fund_accounts',
    query: FundAccountQuery,
    handler: async ({ merchant, query, deps }) => collection((await listFundAccounts(deps, merchant.id, query)).map(fundAccountToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/fund_accounts/:id',
    handler: async ({ merchant, params, deps }) => fundAccountToWire(await getFundAccount(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/fund_accounts/:id',
    body: FundAccountUpdate,
    handler: async ({ merchant, params, body, deps }) =>
      fundAccountToWire(await setFundAccountActive(deps, merchant.id, params.id, body.active)),
  }),
]
