/**
 * Eligibility checks for affordability instruments (Debit Card EMI, Cardless EMI, Pay Later):
 * POST /v1/customers/eligibility and GET /v1/customers/eligibility/:id (sdk-surface.md).
 *
 * Simulated (CHOSEN, the docs give no test data): every listed instrument of method `emi`,
 * `cardless_emi` or `paylater` is `eligible`; any other method is `ineligible` with an
 * `instrument_not_supported` error. The answer is stored and GET returns it as first given.
 */
import type { Deps } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { formatAmount, isSupportedCurrency } from '../../shared/money.js'
import { isRIdOf, newRId } from './ids.js'
import type { EligibilityCheck } from './schema.js'
import { getCustomer } from './service.js'
import { customerStore } from './store.js'

const AFFORDABILITY = new Set(['emi', 'cardless_emi', 'paylater'])

export async function checkEligibility(deps: Deps, merchantId: string, input: EligibilityCheck): Promise<Record<string, unknown>> {
  if (!isSupportedCurrency(input.currency)) throw badRequest('The currency is invalid.', { field: 'currency' })
  if (input.amount < 100) throw badRequest(`The amount must be at least ${formatAmount(100, input.currency)}`, { field: 'amount' })
  const id = newRId('eligibility')
  const now = deps.clock.now(merchantId)
  const instruments = (input.instruments ?? []).map((i) => {
    const eligible = AFFORDABILITY.has(i.method)
    return {
      method: i.method,
      issuer: i.issuer ?? null,
      type: i.type ?? null,
      provider: i.provider ?? null,
      eligibility_req_id: id,
      eligibility: eligible
        ? { status: 'eligible' }
        : { status: 'ineligible', error: { code: 'BAD_REQUEST_ERROR', description: `Eligibility checks are for EMI and Pay Later instruments, not ${i.method}.`, reason: 'instrument_not_supported' } },
    }
  })
  return deps.store.write(async (tx) => {
    if (input.customer?.id !== undefined) await getCustomer(tx, merchantId, input.customer.id, 'customer[id]')
    const body = { id, entity: 'eligibility', amount: input.amount, currency: input.currency, customer: input.customer ?? null, instruments }
    await customerStore.insertEligibility(tx, { id, merchant_id: merchantId, body: JSON.stringify(body), created_at: now })
    return body
  })
}

export async function fetchEligibility(deps: Deps, merchantId: string, id: string): Promise<unknown> {
  if (!isRIdOf('eligibility', id)) throw errors.invalidId(id)
  const row = await customerStore.findEligibility(deps.store.db, merchantId, id)
  if (!row) throw errors.notFound()
  return JSON.parse(row.body) as unknown
}
