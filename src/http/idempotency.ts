/**
 * The idempotency engine behind X-Refund-Idempotency (and, next, X-Payout-Idempotency and
 * X-Transfer-Idempotency).
 *
 * Guarantees:
 *  - One key, one effect: the key record is inserted in the same transaction as the effect, under a
 *    unique (merchant, scope, key) index, so no crash point leaves an effect without its key or a
 *    key without its effect.
 *  - Same key + same body → the original resource, as it is now (the route decides how to render it).
 *  - Same key + different body → the header's mismatch error.
 *  - Same key while the first request is still being processed in this process → 409 (the in-flight
 *    table below). Across processes the unique index makes the loser's transaction fail; the
 *    PostgreSQL adapter re-runs it, and the re-run finds the winner's key and replays it.
 *  - Where the key is read: PostgreSQL reads it before the write, and a key read as absent is not
 *    read again in the write: the record goes in with ON CONFLICT DO NOTHING, and if it finds the
 *    key taken (a request with it committed between the read and the claim), the write is undone
 *    and the call starts over, finding that record and replaying it. SQLite reads it in the write
 *    (and before it only when the key is already claimed in this process).
 * Failed operations leave no record, so a retry after a validation error runs again.
 * With `ttl` (seconds), a record at least that old on the caller's clock counts as absent: it is
 * replaced by the new request (X-Payout-Idempotency keys live 7 days).
 */
import type { Db } from '../store/schema.js'
import type { Deps } from './context.js'
import type { ApiError } from './errors.js'
import { fingerprint } from '../shared/json.js'
import { sql } from 'kysely'
import { preparedQuery, preparedWrite } from '../store/prepared-query.js'

export interface KeyRules {
  /** Header name, for error `field`s. */
  header: string
  /** Returns an error for a malformed key, null when it is acceptable. */
  validate: (key: string) => ApiError | null
  mismatch: () => ApiError
  inFlight: () => ApiError
}

/** Keys currently being processed by this process. */
export class InFlight {
  private keys = new Set<string>()
  claim(k: string): boolean {
    if (this.keys.has(k)) return false
    this.keys.add(k)
    return true
  }
  release(k: string): void {
    this.keys.delete(k)
  }
}

type KeyRecord = { request_hash: string; resource_id: string | null; status: string; created_at: number }

/**
 * Finished key records this process has read, by merchant + scope + key. A finished record never
 * changes: it is only ever deleted once expired (and then replaced by a new request's), so a
 * replay can check its body against the remembered one and read only the resource, which is
 * answered as it is now. Trusted only where no other process can replace an expired record
 * before this process sees it as expired: keys without a ttl, and SQLite, whose merchant clocks are
 * one process's. (On PostgreSQL another process's clock can be ahead of this one's by a
 * notification, and it may already have replaced a record this one still thinks is live.)
 */
export class FinishedKeys {
  private records = new Map<string, KeyRecord>()
  constructor(private readonly max = 10_000) {}
  get(slot: string): KeyRecord | undefined {
    return this.records.get(slot)
  }
  set(slot: string, r: KeyRecord): void {
    if (this.records.size >= this.max) this.records.delete(this.records.keys().next().value as string)
    this.records.set(slot, r)
  }
  delete(slot: string): void {
    this.records.delete(slot)
  }
}

/** The key's record: read on every call (a replay is this read plus the resource's), so prepared. */
const keyRecord = preparedQuery((db, p: { merchantId: string; scope: string; key: string }) =>
  db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'resource_id', 'status', 'created_at'])
    .where('merchant_id', '=', p.merchantId)
    .where('scope', '=', p.scope)
    .where('key', '=', p.key),
)

/** A record whose request finished, naming its resource: one a replay can answer from. */
function finished(r: KeyRecord | undefined): r is KeyRecord & { resource_id: string } {
  return r?.status === 'finished' && r.resource_id !== null
}

export interface Effect<T> {
  resourceId: string
  result: T
}

/**
 * Runs `effect` at most once per (merchant, scope, key). On a replay with the same body,
 * `replay(tx, resourceId)` renders the original resource.
 */
export async function withIdempotency<T>(
  deps: Deps,
  args: { merchantId: string; scope: string; key: string; body: unknown; now: number; rules: KeyRules; ttl?: number },
  effect: (tx: Db) => Promise<Effect<T>>,
  replay: (tx: Db, resourceId: string) => Promise<T>,
): Promise<T> {
  const { merchantId, scope, key, rules } = args
  const invalid = rules.validate(key)
  if (invalid) throw invalid
  const hash = fingerprint(args.body)
  const slot = `${merchantId}\u0000${scope}\u0000${key}`
  const lookup = (db: Db) => keyRecord.first(db, { merchantId, scope, key })
  const expired = (r: { created_at: number }) => args.ttl !== undefined && r.created_at + args.ttl <= args.now
  // A replay of a remembered finished record needs no write transaction and no claim, however many
  // retries of it arrive at once; nor does one whose record the read below finds (on PostgreSQL
  // always made; on SQLite only when the key is already claimed).
  // Anything else takes the in-flight claim and goes to the write below, which reads the record
  // unless the read before it found none.
  const sqlite = deps.store.dialect === 'sqlite'
  const remember = args.ttl === undefined || sqlite
  for (let attempt = 0; ; attempt++) {
    let committed = remember ? deps.finishedKeys.get(slot) : undefined
    if (committed !== undefined && expired(committed)) {
      deps.finishedKeys.delete(slot)
      committed = undefined
    }
    // On PostgreSQL the key is read before the write: a replay then needs no transaction, and a new
    // key (no record at all) is not read again in it. SQLite reads it in the write instead (its one
    // writer sees every committed record there; a record found is then remembered, above), and
    // before it only when the key is claimed already: concurrent retries of a committed key that is
    // not remembered are answered with it, not 409. Dropping the read before every write gave new keys
    // +4.5 % req/s on average over six A/B runs (BENCHMARKS.md, 2026-12-08 morning).
    const claimed = sqlite && committed === undefined ? deps.inFlight.claim(slot) : false
    if (committed === undefined && (!sqlite || !claimed)) {
      committed = await lookup(deps.store.db)
      if (remember && finished(committed)) deps.finishedKeys.set(slot, committed)
    }
    if (committed && !expired(committed) && finished(committed)) {
      if (claimed) deps.inFlight.release(slot)
      if (committed.request_hash !== hash) throw rules.mismatch()
      return replay(deps.store.db, committed.resource_id)
    }
    // Known to have no record at all: the common case of a new key on PostgreSQL.
    const absent = !sqlite && committed === undefined
    if (!claimed && !deps.inFlight.claim(slot)) throw rules.inFlight()
    try {
      return await deps.store.write(async (tx) => {
        if (!absent) {
          const existing = await lookup(tx)
          if (existing && !expired(existing) && remember && finished(existing)) deps.finishedKeys.set(slot, existing)
          if (existing && expired(existing)) {
            await tx
              .deleteFrom('idempotency_keys')
              .where('merchant_id', '=', merchantId)
              .where('scope', '=', scope)
              .where('key', '=', key)
              .execute()
          } else if (existing) {
            if (existing.request_hash !== hash) throw rules.mismatch()
            if (existing.status !== 'finished' || existing.resource_id === null) throw rules.inFlight()
            return replay(tx, existing.resource_id)
          }
        }
        const done = await effect(tx)
        const record = { merchantId, scope, key, hash, resourceId: done.resourceId, now: args.now }
        // The unique (merchant, scope, key) index decides: a record committed since the read above
        // (its request finished between that read and the claim) leaves this insert without a row.
        if ((await insertKey.run(tx, record)) === 0) throw new KeyTaken()
        return done.result
        // Idempotent operations are the ones that move money (payouts, transfers, refunds): one at a
        // time per merchant, across processes (see WriteOptions.serializeOn).
      }, { serializeOn: `money:${merchantId}` })
    } catch (e) {
      // Its writes rolled back; the record that took the key is committed: answer from it. Taken
      // again on that second try (a third request with the key won meanwhile): the in-flight answer.
      if (e instanceof KeyTaken) {
        if (attempt === 0) continue
        throw rules.inFlight()
      }
      throw e
    } finally {
      deps.inFlight.release(slot)
    }
  }
}

/** The key was taken by a request that committed after this one read it as absent. */
class KeyTaken extends Error {}

/** The key record, written with the effect; without a row when the key is already taken. */
const insertKey = preparedWrite((db, p: { merchantId: string; scope: string; key: string; hash: string; resourceId: string; now: number }) =>
  db
    .insertInto('idempotency_keys')
    .values({
      merchant_id: p.merchantId,
      scope: p.scope,
      key: p.key,
      request_hash: p.hash,
      status: sql.lit('finished'),
      resource_id: p.resourceId,
      response_status: sql.lit(200),
      response_body: sql.lit(null),
      created_at: p.now,
    })
    .onConflict((oc) => oc.columns(['merchant_id', 'scope', 'key']).doNothing()),
)
