/**
 * withIdempotency's one race (src/http/idempotency.ts): another request with the key commits
 * between this request's start and its write. Simulated on both dialects by a store whose first
 * write first commits that other request's record.
 *  - PostgreSQL reads the key before the write, as absent here. The write does not read it again;
 *    its insert finds the key taken, everything it wrote is undone, and it answers from the record
 *    that took the key.
 *  - SQLite reads the key only in the write, so it finds the record there and never runs the effect.
 */
import { describe, expect, it } from 'vitest'
import type { Deps } from '../../src/http/context.js'
import { FinishedKeys, InFlight, withIdempotency, type KeyRules } from '../../src/http/idempotency.js'
import { badRequest } from '../../src/http/errors.js'
import { fingerprint } from '../../src/shared/json.js'
import type { Store } from '../../src/store/store.js'
import { storePerTest, testDialect } from '../support/test-db.js'

const ctx = storePerTest()

const rules: KeyRules = {
  header: 'X-Test-Idempotency',
  validate: () => null,
  mismatch: () => badRequest('mismatch', { field: 'X-Test-Idempotency' }),
  inFlight: () => badRequest('in flight', { status: 409, field: 'X-Test-Idempotency' }),
}

/** A store whose first write is preceded by the commit of another request's record for `key`. */
function racedStore(key: string, otherBody: unknown): Store {
  let raced = false
  return {
    dialect: ctx.store.dialect,
    db: ctx.store.db,
    close: () => ctx.store.close(),
    write: async (fn, opts) => {
      if (!raced) {
        raced = true
        await ctx.store.write((tx) =>
          tx
            .insertInto('idempotency_keys')
            .values({ merchant_id: 'acc_race', scope: 'test', key, request_hash: fingerprint(otherBody), status: 'finished', resource_id: 'acc_winner', response_status: 200, response_body: null, created_at: 1000 })
            .execute(),
        )
      }
      return ctx.store.write(fn, opts)
    },
  }
}

function call(s: Store, key: string, body: unknown, effects: string[]) {
  const deps = { store: s, inFlight: new InFlight(), finishedKeys: new FinishedKeys() } as unknown as Deps
  return withIdempotency(
    deps,
    { merchantId: 'acc_race', scope: 'test', key, body, now: 1001, rules },
    async (tx) => {
      const id = `acc_loser${effects.length}`
      effects.push(id)
      await tx.insertInto('merchant_clocks').values({ merchant_id: id, offset_seconds: 1 }).execute()
      return { resourceId: id, result: `created ${id}` }
    },
    async (_tx, id) => `replayed ${id}`,
  )
}

const clocks = () => ctx.store.db.selectFrom('merchant_clocks').select('merchant_id').execute()

describe(`withIdempotency, a key taken after the request started (${testDialect()})`, () => {
  it('replays the record that took the key, having undone or never run its own effect', async () => {
    const effects: string[] = []
    expect(await call(racedStore('race-key-1', { amount: 5 }), 'race-key-1', { amount: 5 }, effects)).toBe('replayed acc_winner')
    // PostgreSQL: the effect ran once, and its row is gone. SQLite: it never ran.
    expect(effects).toEqual(testDialect() === 'postgres' ? ['acc_loser0'] : [])
    expect(await clocks()).toEqual([])
    const records = await ctx.store.db.selectFrom('idempotency_keys').select(['key', 'resource_id']).execute()
    expect(records).toEqual([{ key: 'race-key-1', resource_id: 'acc_winner' }])
  })

  it('answers a different body with the mismatch error, having written nothing', async () => {
    const effects: string[] = []
    await expect(call(racedStore('race-key-2', { amount: 5 }), 'race-key-2', { amount: 6 }, effects)).rejects.toThrow('mismatch')
    expect(await clocks()).toEqual([])
  })

  it('without a race, writes its effect and its record once', async () => {
    const effects: string[] = []
    expect(await call(ctx.store, 'race-key-3', { amount: 5 }, effects)).toBe('created acc_loser0')
    expect(await call(ctx.store, 'race-key-3', { amount: 5 }, effects)).toBe('replayed acc_loser0')
    expect(effects).toEqual(['acc_loser0'])
    expect(await clocks()).toEqual([{ merchant_id: 'acc_loser0' }])
  })
})
