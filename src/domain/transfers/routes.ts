/**
 * Route transfers — HTTP only: /v1/transfers (direct transfers with X-Transfer-Idempotency, list,
 * fetch, settlement holds, reversals) and /v1/payments/:id/transfers. Also this slice's job kinds.
 */
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import type { JobRegistry } from '../../jobs/registry.js'
import { reversalToWire } from './entity.js'
import { purgeHandler } from '../../http/idempotency-retention.js'
import { TRANSFER_IDEMPOTENCY_HEADER, TRANSFER_KEY_PURGE_JOB, transferKeyRetention } from './idempotency.js'
import { PROCESS_JOB, runProcessJob } from './processing.js'
import { createReversal, listReversals } from './reversals.js'
import { DirectTransferCreate, PaymentTransfersCreate, ReversalCreate, TransferEdit, TransferQuery } from './schema.js'
import {
  createDirectTransfer,
  createPaymentTransfers,
  editTransferHold,
  getTransfer,
  listPaymentTransfers,
  listTransfers,
  parseTransferExpand,
  renderTransfers,
} from './service.js'
import { HOLD_RELEASE_JOB, LINKED_SETTLEMENT_JOB, releaseHold, runLinkedSettlement } from './settlement.js'

const header = TRANSFER_IDEMPOTENCY_HEADER.toLowerCase()

export const transferRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/transfers',
    body: DirectTransferCreate,
    handler: async ({ merchant, body, headers, deps }) => {
      const key = headers[header]
      const t = await createDirectTransfer(deps, merchant, body, Array.isArray(key) ? key.join(', ') : key)
      return (await renderTransfers(deps.store.db, merchant, [t]))[0]
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/transfers',
    query: TransferQuery,
    handler: async ({ merchant, query, deps }) => {
      const expand = parseTransferExpand(query.expand)
      const rows = await listTransfers(deps.store.db, merchant, parsePage(query), query.recipient_settlement_id)
      return collection(await renderTransfers(deps.store.db, merchant, rows, expand))
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/transfers/:id',
    query: TransferQuery,
    handler: async ({ merchant, params, query, deps }) => {
      const expand = parseTransferExpand(query.expand)
      const t = await getTransfer(deps.store.db, merchant, params.id)
      return (await renderTransfers(deps.store.db, merchant, [t], expand))[0]
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/transfers/:id',
    body: TransferEdit,
    handler: async ({ merchant, params, body, deps }) =>
      (await renderTransfers(deps.store.db, merchant, [await editTransferHold(deps, merchant, params.id, body)]))[0],
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/transfers/:id/reversals',
    body: ReversalCreate,
    handler: async ({ merchant, params, body, deps }) => reversalToWire(await createReversal(deps, merchant, params.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/transfers/:id/reversals',
    handler: async ({ merchant, params, deps }) => collection((await listReversals(deps.store.db, merchant, params.id)).map(reversalToWire)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/payments/:id/transfers',
    body: PaymentTransfersCreate,
    handler: async ({ merchant, params, body, deps }) =>
      collection(await renderTransfers(deps.store.db, merchant, await createPaymentTransfers(deps, merchant, params.id, body.transfers))),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/payments/:id/transfers',
    query: TransferQuery,
    handler: async ({ merchant, params, query, deps }) =>
      collection(await renderTransfers(deps.store.db, merchant, await listPaymentTransfers(deps.store.db, merchant, params.id, parsePage(query)))),
  }),
]

export function registerTransferJobs(jobs: JobRegistry): void {
  jobs.register(PROCESS_JOB, runProcessJob)
  jobs.register(LINKED_SETTLEMENT_JOB, runLinkedSettlement)
  jobs.register(HOLD_RELEASE_JOB, releaseHold)
  jobs.register(TRANSFER_KEY_PURGE_JOB, purgeHandler(transferKeyRetention))
}
