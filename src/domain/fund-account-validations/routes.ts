/** /v1/fund_accounts/validations — HTTP only (RT:api/x/account-validation.md). The Node SDK has no method for it. */
import { collection } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { validationToWire } from './entity.js'
import { ValidationCreate, ValidationQuery } from './schema.js'
import { createValidation, getValidation, listValidations } from './service.js'

export const validationRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/fund_accounts/validations',
    body: ValidationCreate,
    handler: async ({ merchant, body, deps }) => validationToWire(await createValidation(deps, merchant.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/fund_accounts/validations',
    query: ValidationQuery,
    handler: async ({ merchant, query, deps }) => collection((await listValidations(deps, merchant.id, query)).map(validationToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/fund_accounts/validations/:id',
    handler: async ({ merchant, params, deps }) => validationToWire(await getValidation(deps.store.db, merchant.id, params.id)),
  }),
]
