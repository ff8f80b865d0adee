/**
 * Prefixed ids for the RazorpayX entities that src/shared/ids.ts does not list (contacts, fund
 * accounts, business accounts, ledger-backed transactions and reversals). Same shape and ordering
 * as every other id: `<prefix>_` + 14 time-ordered base62 characters.
 */
import { newIdBody } from '../../shared/ids.js'

export const X_PREFIXES = {
  contact: 'cont',
  fundAccount: 'fa',
  businessAccount: 'bacc',
  transaction: 'txn',
  reversal: 'rvrsl',
  bankTransfer: 'bt',
} as const

export type XIdKind = keyof typeof X_PREFIXES

/** @example newXId('contact') → 'cont_0Pz3kB1cQ7xYt2' */
export function newXId(kind: XIdKind): string {
  return `${X_PREFIXES[kind]}_${newIdBody()}`
}

const BODY = /^[0-9A-Za-z]{14}$/

export function isXIdOf(kind: XIdKind, s: string): boolean {
  const prefix = X_PREFIXES[kind] + '_'
  return s.startsWith(prefix) && BODY.test(s.slice(prefix.length))
}
