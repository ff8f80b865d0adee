/**
 * Prefixed ids of the customers/tokens/invoices slices that src/shared/ids.ts does not list
 * (customers and tokens are there: `cust_`, `token_`). Same shape and ordering as every other id:
 * `<prefix>_` + 14 time-ordered base62 characters (prefixes from sdk-surface.md's id list).
 */
import { newIdBody } from '../../shared/ids.js'

export const R_PREFIXES = {
  address: 'addr',
  bankAccount: 'ba',
  eligibility: 'elig',
  invoice: 'inv',
  lineItem: 'li',
  item: 'item',
} as const

export type RIdKind = keyof typeof R_PREFIXES

/** @example newRId('invoice') → 'inv_0Pz3kB1cQ7xYt2' */
export function newRId(kind: RIdKind): string {
  return `${R_PREFIXES[kind]}_${newIdBody()}`
}

const BODY = /^[0-9A-Za-z]{14}$/

export function isRIdOf(kind: RIdKind, s: string): boolean {
  const prefix = R_PREFIXES[kind] + '_'
  return s.startsWith(prefix) && BODY.test(s.slice(prefix.length))
}
