/**
 * The fan-out's bookkeeping on both databases (src/webhooks/fanout.ts): every committed event is
 * fanned out exactly once, in batches when limited, and an event whose write rolled back is never
 * fanned out, even when the next event takes its place (on SQLite, its rowid).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import { fanOut, hasPendingFanout, pendingEventIds } from '../../src/webhooks/fanout.js'
import { recordEvent } from '../../src/webhooks/outbox.js'
import { freshTestDb, type TestDb } from '../support/test-db.js'
import { webhookRow } from './webhook-row.js'

let testDb: TestDb
let store: Store

beforeEach(async () => {
  testDb = await freshTestDb()
  store = await openStore(testDb.location)
})

afterEach(async () => {
  await store.close()
  await testDb.drop()
})

const hook = webhookRow

/** An event's id: every event here has a subscribed endpoint, so recordEvent writes it. */
function written(id: string | null): string {
  if (id === null) throw new Error('recordEvent wrote no event: no endpoint subscribes to it')
  return id
}

const record = async (merchantId: string, name = 'payment.authorized') =>
  written(await store.write((tx) => recordEvent(tx, merchantId, name, { payment: { entity: { id: 'pay_x' } } }, 100)))

const deliveries = async () =>
  (await store.db.selectFrom('webhook_deliveries').select(['event_id', 'webhook_id']).orderBy('event_id').orderBy('webhook_id').execute()).map(
    (d) => `${d.event_id}>${d.webhook_id}`,
  )

describe('fan-out bookkeeping', () => {
  it('fans out each committed event once, in batches of the limit, to the subscribed endpoints of its merchant', async () => {
    await store.write(async (tx) => {
      await tx.insertInto('webhooks').values([hook('wh_a', 'acc_a', ['payment.authorized']), hook('wh_b', 'acc_b', ['*']), hook('wh_c', 'acc_a', ['refund.created'])]).execute()
    })
    const ids: string[] = []
    for (const m of ['acc_a', 'acc_b', 'acc_a', 'acc_b', 'acc_a']) ids.push(await record(m))
    expect(await hasPendingFanout(store.db)).toBe(true)
    expect([...(await pendingEventIds(store.db))].sort()).toEqual([...ids].sort())

    expect(await store.write((tx) => fanOut(tx, { limit: 2 }))).toBe(2)
    expect((await pendingEventIds(store.db)).length).toBe(3)
    expect(await store.write((tx) => fanOut(tx, { limit: 2 }))).toBe(2)
    expect(await store.write((tx) => fanOut(tx, { limit: 2 }))).toBe(1)
    expect(await store.write((tx) => fanOut(tx, { limit: 2 }))).toBe(0)
    expect(await hasPendingFanout(store.db)).toBe(false)

    const hookOf = (m: string) => (m === 'acc_a' ? 'wh_a' : 'wh_b')
    const merchants = ['acc_a', 'acc_b', 'acc_a', 'acc_b', 'acc_a']
    expect(await deliveries()).toEqual(ids.map((id, i) => `${id}>${hookOf(merchants[i]!)}`).sort())
  })

  it('an event whose write rolled back is never fanned out; the next one is, once', async () => {
    await store.write((tx) => tx.insertInto('webhooks').values(hook('wh_a', 'acc_a', ['*'])).execute())
    const first = await record('acc_a')
    await store.write((tx) => fanOut(tx, {}))
    // Written and rolled back: on SQLite its rowid is handed out again to the next event.
    let lost = ''
    await expect(
      store.write(async (tx) => {
        lost = written(await recordEvent(tx, 'acc_a', 'payment.failed', { payment: { entity: { id: 'pay_y' } } }, 100))
        throw new Error('the change this event announces failed')
      }),
    ).rejects.toThrow('failed')
    expect(await pendingEventIds(store.db)).toEqual([])
    const next = await record('acc_a', 'payment.captured')
    expect(await pendingEventIds(store.db)).toEqual([next])
    expect(await store.write((tx) => fanOut(tx, { merchantId: 'acc_a' }))).toBe(1)
    expect(await store.write((tx) => fanOut(tx, { merchantId: 'acc_a' }))).toBe(0)
    expect(await deliveries()).toEqual([`${first}>wh_a`, `${next}>wh_a`].sort())
    expect(await deliveries()).not.toContain(`${lost}>wh_a`)
  })

  it('a fan-out that rolls back leaves its events pending', async () => {
    await store.write((tx) => tx.insertInto('webhooks').values(hook('wh_a', 'acc_a', ['*'])).execute())
    const id = await record('acc_a')
    await expect(
      store.write(async (tx) => {
        await fanOut(tx, {})
        throw new Error('later in the same transaction')
      }),
    ).rejects.toThrow('later')
    expect(await pendingEventIds(store.db)).toEqual([id])
    expect(await deliveries()).toEqual([])
    await store.write((tx) => fanOut(tx, {}))
    expect(await deliveries()).toEqual([`${id}>wh_a`])
  })
})
