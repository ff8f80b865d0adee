/**
 * Collection parameters: count (default 10, max 100), skip (default 0), from/to (unix seconds in
 * [946684800, 4765046400]), newest first. The response is {entity:'collection', count, items}
 * where count is the number of items returned, not a total (RT:api/understand.md).
 */
import { badRequest } from './errors.js'
import { checkTimestamp } from '../shared/timestamps.js'

export interface Page {
  count: number
  skip: number
  from: number | null
  to: number | null
}


function intParam(q: Record<string, unknown>, name: string): number | null {
  const v = q[name]
  if (v === undefined || v === '') return null
  const s = String(v)
  // Laravel's `integer` rule (filter_var) also refuses numbers past the machine integer range;
  // refusing unsafe integers here keeps 1e23 away from SQL (LIMIT/OFFSET overflow → 500).
  const n = /^-?\d+(\.0+)?$/.test(s) ? Number.parseInt(s, 10) : NaN
  if (!Number.isSafeInteger(n)) throw badRequest(`The ${name} must be an integer.`, { field: name })
  return n
}

export function parsePage(q: Record<string, unknown>, maxCount = 100): Page {
  const count = intParam(q, 'count') ?? 10
  if (count > maxCount) throw badRequest(`The count may not be greater than ${maxCount}`, { field: 'count' })
  if (count < 1) throw badRequest('The count must be at least 1.', { field: 'count' })
  const skip = intParam(q, 'skip') ?? 0
  if (skip < 0) throw badRequest('The skip must be at least 0.', { field: 'skip' })
  const from = intParam(q, 'from')
  const to = intParam(q, 'to')
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (v !== null) checkTimestamp(v, name)
  }
  if (from !== null && to !== null && from > to) throw badRequest('from must be less than or equal to to', { field: 'from' })
  return { count, skip, from, to }
}

export function collection<T>(items: T[]): { entity: 'collection'; count: number; items: T[] } {
  return { entity: 'collection', count: items.length, items }
}
