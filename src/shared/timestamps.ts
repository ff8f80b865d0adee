/**
 * The range Razorpay accepts for a unix timestamp in a request (`from`/`to`, `on_hold_until`,
 * invoice dates): 2000-01-01 to 2120-12-31, with its error text.
 */
import { badRequest, type ApiError } from '../http/errors.js'

export const MIN_TS = 946684800
export const MAX_TS = 4765046400

export function timestampOutOfRange(field: string, label = field): ApiError {
  return badRequest(`${label} must be between ${MIN_TS} and ${MAX_TS}`, { field })
}

/** `v` when it lies in the range, else the documented 400 (`label` names it in the text; default `field`). */
export function checkTimestamp(v: number, field: string, label = field): number {
  if (v < MIN_TS || v > MAX_TS) throw timestampOutOfRange(field, label)
  return v
}
