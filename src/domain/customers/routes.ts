/** /v1/customers — HTTP only (RT:api/customers/*.md; sdk-surface.md `rzp.customers`). Tokens: tokens/routes.ts. */
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import { addBankAccount, deleteBankAccount } from './bank-accounts.js'
import { checkEligibility, fetchEligibility } from './eligibility.js'
import { bankAccountToWire, customerToWire, deletedBankAccountToWire } from './entity.js'
import { BankAccountCreate, CustomerCreate, CustomerEdit, CustomerQuery, EligibilityCheck } from './schema.js'
import { createCustomer, editCustomer, getCustomer, listCustomers } from './service.js'

export const customerRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/customers',
    body: CustomerCreate,
    handler: async ({ merchant, body, deps }) => customerToWire(await createCustomer(deps, merchant.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/customers',
    query: CustomerQuery,
    handler: async ({ merchant, query, deps }) => collection((await listCustomers(deps, merchant.id, parsePage(query))).map(customerToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/customers/:id',
    handler: async ({ merchant, params, deps }) => customerToWire(await getCustomer(deps.store.db, merchant.id, params.id)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/customers/:id',
    body: CustomerEdit,
    handler: async ({ merchant, params, body, deps }) => customerToWire(await editCustomer(deps, merchant.id, params.id, body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/customers/:id/bank_account',
    body: BankAccountCreate,
    handler: async ({ merchant, params, body, deps }) => bankAccountToWire(await addBankAccount(deps, merchant.id, params.id, body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/customers/:id/bank_account/:bank_id',
    handler: async ({ merchant, params, deps }) =>
      deletedBankAccountToWire(await deleteBankAccount(deps, merchant.id, params.id, params.bank_id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/customers/eligibility',
    body: EligibilityCheck,
    handler: async ({ merchant, body, deps }) => checkEligibility(deps, merchant.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/customers/eligibility/:id',
    handler: async ({ merchant, params, deps }) => fetchEligibility(deps, merchant.id, params.id),
  }),
]
