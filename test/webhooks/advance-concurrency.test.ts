/**
 * A clock advance next to other work (found by a load audit):
 *  - while one merchant's advance runs (slow: each webhook attempt may wait for its endpoint), the
 *    poller keeps running every other merchant's due work;
 *  - an advance returns while requests of the same merchant keep announcing events: it delivers
 *    what its own jobs announce, and leaves the rest to the poller (it used to chase them forever).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/harness.js'
import { beneficiary, createPayout, fetchPayout, merchantWithAccount, payoutBody } from '../support/razorpayx.js'
import { startSink, type Sink } from './sink.js'
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js'

let s: TestServer
let slow: Sink
let fast: Sink
beforeAll(async () => {
  s = await startTestServer()
  s.deps.runner.start(100)
  slow = await startSink({ secret: null })
  slow.delayMs = 1500
  fast = await startSink({ secret: null })
})
afterAll(async () => {
  await s.deps.runner.stop()
  await slow.close()
  await fast.close()
  await s.close()
})

const until = async (what: () => Promise<boolean>, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await what()) return true
  return what()
}

describe('clock advance next to other work', () => {
  it("one merchant's long advance does not hold up another merchant's due jobs", { timeout: 60_000 }, async () => {
    const a = await merchantWithAccount(s)
    expect((await a.m.http('POST', '/v1/webhooks', { url: slow.url, events: ['*'] })).status).toBe(200)
    const aFa = (await beneficiary(a.m)).fundAccountId
    for (let i = 0; i < 3; i++) expect((await createPayout(a.m, payoutBody(a.acct, aFa))).status).toBe(200) // events for the slow endpoint

    const b = await merchantWithAccount(s)
    const payout = (await createPayout(b.m, payoutBody(b.acct, (await beneficiary(b.m)).fundAccountId))).body
    expect(payout.status).toBe('processing')
    // B's bank answer is due now on B's clock (as if its 60 s had passed).
    await s.store.db.updateTable('payouts').set({ settle_at: 0 }).where('id', '=', payout.id).execute()
    await s.store.db.updateTable('jobs').set({ run_at: 0 }).where('merchant_id', '=', b.m.id).where('kind', '=', 'payout.settle').execute()

    let advanced = false
    const advancing = a.m.http('POST', '/_sandbox/clock', { advance_by: 120 }).then((r) => {
      advanced = true
      return r
    })
    const processed = await until(async () => (await fetchPayout(b.m, payout.id)).status === 'processed', 20_000)
    expect(processed).toBe(true)
    expect(advanced).toBe(false) // B's payout went out while A's advance was still delivering to its slow endpoint
    expect((await advancing).status).toBe(200)
  })

  it('an advance returns while requests keep announcing events, with its own jobs\' events delivered', { timeout: 60_000 }, async () => {
    const c = await merchantWithAccount(s)
    expect((await c.m.http('POST', '/v1/webhooks', { url: fast.url, events: ['*'] })).status).toBe(200)
    const fa = (await beneficiary(c.m)).fundAccountId
    const mine = (await createPayout(c.m, payoutBody(c.acct, fa))).body // processed by a job during the advance

    let stop = false
    let made = 0
    const traffic = (async () => {
      const end = Date.now() + 30_000 // a cap, so a regression fails the test instead of hanging it
      while (!stop && Date.now() < end) {
        const r = await createPayout(c.m, payoutBody(c.acct, fa))
        expect(r.status).toBe(200)
        made++
      }
      return stop
    })()
    await until(async () => made >= 5, 10_000)
    const r = await c.m.http('POST', '/_sandbox/clock', { advance_by: 3600 })
    stop = true
    expect(await traffic).toBe(true) // the advance answered while the requests were still coming
    expect(r.status).toBe(200)
    expect((await fetchPayout(c.m, mine.id)).status).toBe('processed')
    // Its payout.processed is delivered: by the advance itself before it answered, or — when the
    // poller's dispatcher claimed that delivery first — by the poller a moment later.
    const delivered = () => fast.received.some((d) => d.body?.event === 'payout.processed' && d.body?.payload?.payout?.entity?.id === mine.id)
    expect(await until(async () => delivered(), 5_000)).toBe(true)
  })

  it("the advance's pick of the next delivery looks past a long run of others' deliveries (page after page)", async () => {
    const m = await s.newMerchant()
    const hook = (await m.http('POST', '/v1/webhooks', { url: fast.url, events: ['*'] })).body
    // Due in the future of the merchant's clock, so the running poller leaves them alone.
    const t0 = s.deps.clock.now(m.id) + 100_000
    const row = (i: number, eventId: string, at: number) => ({
      id: `whd_test${String(i).padStart(10, '0')}`,
      merchant_id: m.id,
      event_id: eventId,
      webhook_id: hook.id,
      url: fast.url,
      secret: null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      last_status: null,
      last_error: null,
      created_at: at,
      delivered_at: null,
    })
    // 450 deliveries of events the advance did not make, all due first; then one of its own.
    for (let i = 0; i < 450; i++) await s.store.db.insertInto('webhook_deliveries').values(row(i, `evt_others${String(i).padStart(8, '0')}`, t0 + 10)).execute()
    await s.store.db.insertInto('webhook_deliveries').values(row(999, 'evt_mine0000000001', t0 + 20)).execute()
    const d = new WebhookDispatcher(s.deps)
    const mine = (id: string) => id === 'evt_mine0000000001'
    const next = await d.nextDue(m.id, t0 + 1_000, mine)
    expect(next?.at).toBe(t0 + 20)
    expect(await d.nextDue(m.id, t0 + 15, mine)).toBeNull() // not due yet
    expect((await d.nextDue(m.id, t0 + 1_000))?.at).toBe(t0 + 10) // without a filter: the earliest
    await s.store.db.deleteFrom('webhook_deliveries').where('merchant_id', '=', m.id).execute()
  })
})
