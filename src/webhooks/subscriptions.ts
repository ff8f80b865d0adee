/**
 * Which events a merchant's webhooks want, as of now: the outbox writes only those.
 *
 * Endpoints receive the events of their merchant that happen while they are active and subscribed
 * (fanout.ts decides them as of the event's time: every webhook change first fans out the events
 * before it). An event no active webhook subscribes to at its time is never delivered to anyone, so
 * the outbox leaves it out: nothing ever reads it. For a payout create with no subscriber that is two
 * rows of ~1 KB, and about an eighth of the request's CPU (BENCHMARKS.md, 2026-12-08).
 *
 * Read in the caller's transaction, so it sees a webhook created or edited earlier in the same
 * SQLite group commit, and on PostgreSQL it is serialized against a concurrent change like any read.
 * On SQLite the answer is kept until the webhooks table is next written (store/table-cache.ts), so
 * most events skip the read.
 */
import { sql } from 'kysely'
import type { Db } from '../store/schema.js'
import { preparedQuery } from '../store/prepared-query.js'
import { TableCache } from '../store/table-cache.js'
import { subscribes } from './events.js'

const activeHookEvents = preparedQuery((db, p: { merchantId: string }) =>
  db.selectFrom('webhooks').select('events').where('merchant_id', '=', p.merchantId).where('active', '=', sql.lit(1)),
)

/** Parsed `events` columns by their text: a merchant's few webhooks repeat them on every event. */
const parsed = new Map<string, readonly string[]>()
const MAX_PARSED = 1000

function eventsOf(text: string): readonly string[] {
  let list = parsed.get(text)
  if (list === undefined) {
    list = JSON.parse(text) as string[]
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value as string)
    parsed.set(text, list)
  }
  return list
}

/** Says, for an event name, whether an active webhook of the merchant subscribes to it now. */
export type Wanted = (event: string) => boolean

const NONE: Wanted = () => false

/** Per merchant, kept while the webhooks table is not written (table-cache.ts). */
const wanted = new TableCache<Wanted>(['webhooks'])

export function wantedEvents(tx: Db, merchantId: string): Promise<Wanted> {
  return wanted.get(tx, merchantId, async () => {
    const rows = await activeHookEvents.all(tx, { merchantId })
    if (rows.length === 0) return NONE
    const lists = rows.map((r) => eventsOf(r.events))
    return (event) => lists.some((l) => subscribes(l, event))
  })
}
