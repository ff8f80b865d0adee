/**
 * Entity ids: a Razorpay prefix, an underscore, then 14 base62 characters.
 *
 * The first 9 characters encode (milliseconds × 1000 + a per-millisecond sequence), so ids sort
 * by creation time — Razorpay's ids are time-ordered too, and ordered primary keys are 2–4× cheaper
 * to insert into SQLite's B-trees (shared/spec/performance.md A.2). The last 5 characters are
 * random so that ids minted by several processes on one database do not collide.
 * Ids are not domain time: they use the host's wall clock, never the merchant's simulated clock.
 */
import { randomFillSync } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' // ASCII order = numeric order

export const ID_PREFIXES = {
  order: 'order',
  payment: 'pay',
  refund: 'rfnd',
  merchant: 'acc',
  card: 'card',
  customer: 'cust',
  token: 'token',
  event: 'evt',
  transfer: 'trf',
  payout: 'pout',
  settlement: 'setl',
  fundAccountValidation: 'fav',
} as const
export type IdKind = keyof typeof ID_PREFIXES

let lastMs = 0
let seq = 0

function encode(n: number, width: number): string {
  let out = ''
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out
}

// Random bytes are drawn from the CSPRNG 4 KiB at a time: one randomBytes() call per id cost more
// than the rest of the id (a profile of create-order put it at ~5 µs per id).
const pool = Buffer.alloc(4096)
let used = pool.length

function randomSuffix(width: number): string {
  let out = ''
  for (let i = 0; i < width; i++) {
    if (used === pool.length) {
      randomFillSync(pool)
      used = 0
    }
    out += ALPHABET[pool[used++]! % 62]
  }
  return out
}

/** The 14-character body of an id. Monotonic within this process, even past 1000 ids per ms. */
export function newIdBody(): string {
  const now = Date.now()
  if (now > lastMs) {
    lastMs = now
    seq = 0
  } else if (++seq >= 1000) {
    lastMs += 1
    seq = 0
  }
  return encode(lastMs * 1000 + seq, 9) + randomSuffix(5)
}

/**
 * The largest 14-character body an id this process has minted so far can have: ids compare as
 * strings in creation order, so `id <= \`evt_${maxIdBodySoFar()}\`` means "made before now" (by
 * this process; another process's clock may differ by its skew). It takes the id clock into
 * account, which runs ahead of the wall clock after more than 1000 ids in a millisecond.
 */
export function maxIdBodySoFar(): string {
  return encode(Math.max(Date.now(), lastMs) * 1000 + 999, 9) + 'zzzzz'
}

/** @example newId('order') → 'order_0Pz3kB1cQ7xYt2' */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${newIdBody()}`
}

const BODY = /^[0-9A-Za-z]{14}$/

/** True when `s` is `<prefix>_` + 14 base62 characters. */
export function isIdOf(kind: IdKind, s: string): boolean {
  const prefix = ID_PREFIXES[kind] + '_'
  return s.startsWith(prefix) && BODY.test(s.slice(prefix.length))
}

export function randomToken(length: number): string {
  return randomSuffix(length)
}
