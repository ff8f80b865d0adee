/**
 * The sandbox settlement-schedule API (outside /v1, authenticated with the merchant's key pair):
 *   GET  /_sandbox/settlements/schedule                  → {"delay_days": N}
 *   POST /_sandbox/settlements/schedule {"delay_days": N} → sets this merchant's cycle to T+N working
 *        days (0-30) for payments captured from now on, and answers {"delay_days": N}.
 * Without a setting a merchant uses TIJORI_SETTLEMENT_DAYS, else T+2.
 */
import { badRequest } from '../http/errors.js'
import { defineRoute } from '../http/route.js'
import { delayDays, MAX_DELAY_DAYS } from '../domain/settlements/schedule.js'
import { ScheduleBody } from '../domain/settlements/schema.js'
import { settlementStore } from '../domain/settlements/store.js'

export const settlementSandboxRoutes = [
  defineRoute({
    method: 'GET',
    url: '/_sandbox/settlements/schedule',
    handler: async ({ merchant, deps }) => ({ delay_days: await delayDays(deps.store.db, merchant.id) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/_sandbox/settlements/schedule',
    body: ScheduleBody,
    handler: async ({ merchant, body, deps }) => {
      const n = body.delay_days
      if (n === undefined) throw badRequest('The delay_days field is required.', { field: 'delay_days' })
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_DELAY_DAYS)
        throw badRequest(`delay_days must be an integer number of working days from 0 to ${MAX_DELAY_DAYS}.`, { field: 'delay_days' })
      const now = deps.clock.now(merchant.id)
      await deps.store.write((tx) => settlementStore.upsertSchedule(tx, { merchant_id: merchant.id, delay_days: n, updated_at: now }))
      return { delay_days: n }
    },
  }),
]
