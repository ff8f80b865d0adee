/**
 * /v1/settlements — HTTP only: scheduled settlements, recon, on-demand settlements. Also the job
 * kinds of this slice, which buildApp registers.
 */
import { collection, parsePage } from '../../http/pagination.js'
import { defineRoute } from '../../http/route.js'
import type { JobRegistry } from '../../jobs/registry.js'
import { ondemandToWire, settlementToWire } from './entity.js'
import {
  createOndemandSettlement,
  getOndemandSettlement,
  listOndemandSettlements,
  ONDEMAND_JOB,
  parseOndemandExpand,
  processOndemandSettlement,
} from './ondemand.js'
import { reconCombined } from './recon.js'
import { SETTLEMENT_JOB } from './schedule.js'
import { OndemandCreate, OndemandQuery, ReconQuery, SettlementQuery } from './schema.js'
import { getSettlement, listSettlements, runScheduledSettlement } from './service.js'

export const settlementRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/settlements',
    query: SettlementQuery,
    handler: async ({ merchant, query, deps }) =>
      collection((await listSettlements(deps.store.db, merchant.id, parsePage(query))).map(settlementToWire)),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/settlements/recon/combined',
    query: ReconQuery,
    handler: async ({ merchant, query, deps }) => collection(await reconCombined(deps.store.db, merchant.id, query)),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/settlements/ondemand',
    body: OndemandCreate,
    handler: async ({ merchant, body, deps }) => {
      const r = await createOndemandSettlement(deps, merchant.id, body)
      return ondemandToWire(r.settlement, r.payouts)
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/settlements/ondemand',
    query: OndemandQuery,
    handler: async ({ merchant, query, deps }) => {
      const expand = parseOndemandExpand(query.expand)
      const rows = await listOndemandSettlements(deps.store.db, merchant.id, parsePage(query), expand)
      return collection(rows.map((r) => ondemandToWire(r.settlement, expand ? r.payouts : undefined)))
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/settlements/ondemand/:id',
    query: OndemandQuery,
    handler: async ({ merchant, params, query, deps }) => {
      const expand = parseOndemandExpand(query.expand)
      const r = await getOndemandSettlement(deps.store.db, merchant.id, params.id, expand)
      return ondemandToWire(r.settlement, expand ? r.payouts : undefined)
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/settlements/:id',
    handler: async ({ merchant, params, deps }) => settlementToWire(await getSettlement(deps.store.db, merchant.id, params.id)),
  }),
]

export function registerSettlementJobs(jobs: JobRegistry): void {
  jobs.register(SETTLEMENT_JOB, runScheduledSettlement)
  jobs.register(ONDEMAND_JOB, processOndemandSettlement)
}
