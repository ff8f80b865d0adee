/** GET /v1/banking_balances — HTTP only (RT:api/x/account-validation/balance-fetch.md). */
import { Type } from 'typebox'
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { listBusinessAccounts } from './accounts.js'
import { bankingBalanceToWire } from './entity.js'
import { xInvalid } from './errors.js'

const BalanceQuery = Type.Object({
  account_type: Type.Optional(Type.String()),
  bank_code: Type.Optional(Type.String()),
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
})

const ACCOUNT_TYPES = ['current_account', 'razorpayx_lite']

export const bankingRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/banking_balances',
    query: BalanceQuery,
    handler: async ({ merchant, query, deps }) => {
      const page = parsePage(query)
      if (query.account_type !== undefined && !ACCOUNT_TYPES.includes(query.account_type))
        throw xInvalid('The selected account type is invalid.', 'account_type')
      const now = deps.clock.now(merchant.id)
      const accounts = (await listBusinessAccounts(deps, merchant.id, now))
        .filter((a) => query.account_type === undefined || a.account_type === query.account_type)
        // A Lite account has no bank, so a bank_code filter never matches it.
        .filter(() => query.bank_code === undefined)
      return collection(accounts.slice(page.skip, page.skip + page.count).map((a) => bankingBalanceToWire(a, now)))
    },
  }),
]
