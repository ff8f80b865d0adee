/**
 * The sandbox clock API (outside /v1, authenticated with the merchant's key pair):
 *   GET  /_sandbox/clock                     → {"now": <unix>}
 *   POST /_sandbox/clock {"advance_by": s}   → runs every job and delivery that falls due, in order,
 *                                              then answers {"now": <unix>}
 */
import { Type } from 'typebox'
import { badRequest } from '../http/errors.js'
import { defineRoute } from '../http/route.js'

export const MAX_ADVANCE_SECONDS = 2 * 365 * 24 * 3600

const Advance = Type.Object({ advance_by: Type.Unknown() }, { additionalProperties: false })

export const clockRoutes = [
  defineRoute({
    method: 'GET',
    url: '/_sandbox/clock',
    handler: async ({ merchant, deps }) => {
      await deps.clock.readThrough(merchant.id) // another process may have just moved it
      return { now: deps.clock.now(merchant.id) }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/_sandbox/clock',
    body: Advance,
    handler: async ({ merchant, body, deps }) => {
      const by = body.advance_by
      if (by === undefined) throw badRequest('The advance_by field is required.', { field: 'advance_by' })
      if (typeof by !== 'number' || !Number.isInteger(by) || by <= 0 || by > MAX_ADVANCE_SECONDS)
        throw badRequest(`advance_by must be a positive integer number of seconds, at most ${MAX_ADVANCE_SECONDS} (two years).`, {
          field: 'advance_by',
        })
      return { now: await deps.runner.advance(merchant.id, by) }
    },
  }),
]
