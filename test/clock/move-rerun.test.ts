/**
 * A clock move whose write runs twice is still stored. SQLite's group commit runs a batch again
 * (with savepoints) when one of its writes fails after writing; the first run of the move had
 * already raised the in-memory clock, so a move that trusted only the cache wrote nothing the
 * second time, and the advance was lost at the next restart.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { MerchantClock } from '../../src/clock/merchant-clock.js'
import { openSqlite } from '../../src/store/sqlite/open.js'
import type { Store } from '../../src/store/store.js'

let dir: string
let store: Store
const T0 = 1_700_000_000
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tijori-clock-rerun-'))
  store = openSqlite({ file: join(dir, 'db.sqlite') })
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const stored = async (merchantId: string) =>
  (await store.db.selectFrom('merchant_clocks').select('offset_seconds').where('merchant_id', '=', merchantId).executeTakeFirst())?.offset_seconds

it('a move run again after its batch was thrown away is written, and survives a restart', async () => {
  const clock = new MerchantClock(store, () => T0)
  const runs: number[] = []
  const [moved, failed] = await Promise.allSettled([
    store.write(async (tx) => {
      runs.push(1)
      return clock.moveTo(tx, 'acc_clock', T0 + 3600)
    }),
    // In the same batch, after it: a write that fails having written. The batch runs again.
    store.write(async (tx) => {
      await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_other', offset_seconds: 1 }).execute()
      throw new Error('failed after a write')
    }),
  ])
  expect(runs).toEqual([1, 1]) // the move ran twice
  expect(moved).toEqual({ status: 'fulfilled', value: T0 + 3600 })
  expect(failed.status).toBe('rejected')
  expect(await stored('acc_clock')).toBe(3600)
  expect(await stored('acc_other')).toBeUndefined()
  const restarted = new MerchantClock(store, () => T0)
  await restarted.refresh()
  expect(restarted.now('acc_clock')).toBe(T0 + 3600)
})

it('a move to a time already reached writes nothing; a later one writes the larger offset', async () => {
  const clock = new MerchantClock(store, () => T0)
  await store.write((tx) => clock.moveTo(tx, 'acc_clock', T0 + 60))
  expect(await store.write((tx) => clock.moveTo(tx, 'acc_clock', T0 + 30))).toBe(T0 + 60)
  expect(await stored('acc_clock')).toBe(60)
  await store.write((tx) => clock.moveTo(tx, 'acc_clock', T0 + 120))
  expect(await stored('acc_clock')).toBe(120)
  expect(clock.now('acc_clock')).toBe(T0 + 120)
})
