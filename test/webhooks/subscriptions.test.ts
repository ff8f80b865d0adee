/**
 * The outbox writes only the events some active webhook of the merchant subscribes to when they
 * happen (src/webhooks/subscriptions.ts), on both databases: at the store, and through the API for
 * a payout, whose two events were the reason; also when the CLI adds the webhook on another
 * connection while the server remembers the merchant's subscriptions (store/table-cache.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/index.js'
import { recordEvent, recordEventList, recordEvents } from '../../src/webhooks/outbox.js'
import { fanOut } from '../../src/webhooks/fanout.js'
import type { Db } from '../../src/store/schema.js'
import { storePerTest, testDialect } from '../support/test-db.js'
import { startTestServer, type TestServer } from '../support/harness.js'
import { businessAccount, beneficiary, createPayout, payoutBody } from '../support/razorpayx.js'
import { startSink, type Sink } from './sink.js'
import { webhookRow } from './webhook-row.js'

const hook = webhookRow

const payload = { payment: { entity: { id: 'pay_x' } } }

describe('the outbox writes only subscribed events', () => {
  const s = storePerTest()
  const written = async (merchantId?: string) => {
    let q = s.store.db.selectFrom('events').select('event').orderBy('id')
    if (merchantId !== undefined) q = q.where('merchant_id', '=', merchantId)
    return (await q.execute()).map((r) => r.event)
  }
  const markers = async () => (await s.store.db.selectFrom('event_fanouts').select('event_id').execute()).length

  it('writes nothing, and no fan-out marker, for a merchant without webhooks', async () => {
    expect(await s.store.write((tx) => recordEvent(tx, 'acc_a', 'payment.captured', payload, 10))).toBeNull()
    await s.store.write((tx) => recordEvents(tx, 'acc_a', ['payout.processed', 'payout.updated'], payload, 10))
    await s.store.write((tx) => recordEventList(tx, 'acc_a', [{ event: 'payout.initiated', payload }, { event: 'transaction.created', payload }], 10))
    expect(await written()).toEqual([])
    expect(await markers()).toBe(0)
  })

  it('keeps exactly the events an active endpoint subscribes to, in order, per merchant', async () => {
    await s.store.write((tx) =>
      tx
        .insertInto('webhooks')
        .values([
          hook('wh_a', 'acc_a', ['payout.initiated', 'payout.updated']),
          hook('wh_b', 'acc_a', ['payment.captured'], 0), // inactive: subscribes to nothing
          hook('wh_c', 'acc_b', ['*']),
        ])
        .execute(),
    )
    const each = async (merchantId: string) => {
      await s.store.write(async (tx: Db) => {
        await recordEvent(tx, merchantId, 'payment.captured', payload, 10)
        await recordEvents(tx, merchantId, ['payout.processed', 'payout.updated'], payload, 11)
        await recordEventList(tx, merchantId, [{ event: 'payout.initiated', payload }, { event: 'transaction.created', payload }], 12)
      })
    }
    await each('acc_a')
    await each('acc_b')
    expect(await written('acc_a')).toEqual(['payout.updated', 'payout.initiated'])
    expect(await written('acc_b')).toEqual(['payment.captured', 'payout.processed', 'payout.updated', 'payout.initiated', 'transaction.created'])
    // PostgreSQL marks each written event for its fan-out; SQLite finds them by rowid.
    expect(await markers()).toBe(testDialect() === 'postgres' ? 7 : 0)
    // And each reaches its endpoints.
    expect(await s.store.write((tx) => fanOut(tx, {}))).toBe(7)
    const deliveries = await s.store.db.selectFrom('webhook_deliveries').select(['webhook_id']).execute()
    expect(deliveries.map((d) => d.webhook_id).sort()).toEqual(['wh_a', 'wh_a', 'wh_c', 'wh_c', 'wh_c', 'wh_c', 'wh_c'])
  })

  it('an endpoint deactivated stops the writing; one created in the same transaction starts it', async () => {
    await s.store.write((tx) => tx.insertInto('webhooks').values(hook('wh_a', 'acc_a', ['*'])).execute())
    await s.store.write(async (tx) => {
      await recordEvent(tx, 'acc_a', 'payment.authorized', payload, 10)
      await tx.updateTable('webhooks').set({ active: 0 }).where('id', '=', 'wh_a').execute()
      await recordEvent(tx, 'acc_a', 'payment.failed', payload, 10)
      await tx.insertInto('webhooks').values(hook('wh_b', 'acc_a', ['payment.captured'])).execute()
      await recordEvent(tx, 'acc_a', 'payment.captured', payload, 10)
    })
    expect(await written('acc_a')).toEqual(['payment.authorized', 'payment.captured'])
  })

  it('an event started together with a webhook change is written exactly when its transaction sees the change', async () => {
    // On SQLite the two share one group commit and run in this order, so the event sees the endpoint.
    // On PostgreSQL they are two concurrent transactions: either order is a serial one, and the
    // event must be written exactly when the endpoint committed first.
    const created = s.store.write((tx) => tx.insertInto('webhooks').values(hook('wh_a', 'acc_a', ['payment.captured'])).execute())
    const recorded = s.store.write((tx) => recordEvent(tx, 'acc_a', 'payment.captured', payload, 10))
    await created
    const id = await recorded
    if (testDialect() === 'sqlite') expect(id).not.toBeNull()
    expect(await written('acc_a')).toEqual(id === null ? [] : ['payment.captured'])
  })
})

describe('a payout with and without a subscribed webhook', () => {
  let server: TestServer
  let sink: Sink
  beforeAll(async () => {
    server = await startTestServer()
    sink = await startSink({ secret: null })
  })
  afterAll(async () => {
    await sink.close()
    await server.close()
  })

  it('writes no event until a webhook subscribes, then the subscribed ones, which are delivered', async () => {
    const m = server.merchant
    const { account_number } = await businessAccount(m)
    const { fundAccountId } = await beneficiary(m)
    const events = async () => (await server.store.db.selectFrom('events').select('event').where('merchant_id', '=', m.id).orderBy('id').execute()).map((r) => r.event)

    const first = await createPayout(m, payoutBody(account_number, fundAccountId))
    expect(first.status, first.text).toBe(200)
    expect(first.body.status).toBe('processing')
    expect(await events()).toEqual([])

    const hook: any = await m.rzp.webhooks.create({ url: sink.url, events: ['payout.initiated'] }) // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(hook).toMatchObject({ active: true, events: ['payout.initiated'] })
    const second = await createPayout(m, payoutBody(account_number, fundAccountId))
    expect(second.status, second.text).toBe(200)
    expect(await events()).toEqual(['payout.initiated']) // not transaction.created: nobody subscribes to it

    server.deps.runner.start(50)
    try {
      const [got] = await sink.waitFor(1, 10_000)
      expect(got!.body).toMatchObject({ event: 'payout.initiated', payload: { payout: { entity: { id: second.body.id, status: 'processing' } } } })
      expect(got!.body.payload.payout.entity).toEqual(second.body)
    } finally {
      await server.deps.runner.stop()
    }
    expect(sink.received).toHaveLength(1) // the first payout's event was never written, so never sent
  })
})

describe('a webhook the CLI adds to a running server\'s database', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('counts from the next payout, though the server remembered that nobody subscribed', async () => {
    const m = server.merchant
    const { account_number } = await businessAccount(m)
    const { fundAccountId } = await beneficiary(m)
    const events = async () => (await server.store.db.selectFrom('events').select('event').where('merchant_id', '=', m.id).orderBy('id').execute()).map((r) => r.event)
    // Two payouts: the second is answered from what the server remembers of the merchant's webhooks (none).
    for (let i = 0; i < 2; i++) expect((await createPayout(m, payoutBody(account_number, fundAccountId))).status).toBe(200)
    expect(await events()).toEqual([])

    // Another connection to the same database, as `tijori webhooks add` from a shell is.
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      process.exitCode = undefined
      await main(['node', 'tijori', 'webhooks', 'add', '--url', 'http://127.0.0.1:9/hook', '--events', 'payout.initiated', '--merchant', m.id, '--db', server.db])
      expect(process.exitCode ?? 0).toBe(0)
    } finally {
      log.mockRestore()
      process.exitCode = undefined
    }
    expect((await createPayout(m, payoutBody(account_number, fundAccountId))).status).toBe(200)
    expect(await events()).toEqual(['payout.initiated'])
  })
})
