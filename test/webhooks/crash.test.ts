/**
 * Crash test for webhook delivery (issue 8): the real server (`node bin/tijori.mjs serve`) is
 * SIGKILLed with undelivered events, restarted on the same database (a SQLite file, or a PostgreSQL
 * schema in the `postgres` vitest project: test/support/test-db.ts), and every event still reaches
 * the endpoint — signed, with its event id. The test reads the database through its own Store.
 *   1. The endpoint is down: events queue up (the poller's first attempts are refused). Kill, bring
 *      the endpoint up, restart: the poller delivers every one on real time.
 *   2. The endpoint hangs: the server is killed while its POSTs are in flight (leased, not yet
 *      recorded). Restart, advance the clock past the lease: each is delivered (again — at-least-once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, killChildren, serveChild, type ChildServer } from '../support/child-server.js'
import { openCrashStore } from '../support/crash-db.js'
import { freshTestDb, type TestDb } from '../support/test-db.js'
import { sdkFor } from '../support/harness.js'
import { capturedPayment } from '../support/factories.js'
import { eventEnvelope } from '../../src/webhooks/outbox.js'
import type { Store } from '../../src/store/store.js'
import { startSink, type Sink } from './sink.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

const KEY_ID = 'rzp_test_WebhookCrash01'
const KEY_SECRET = 'webhook_crash_secret_0123'
const AUTH = 'Basic ' + Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')
const SECRET = 'whsec_crash'

const sinks: Sink[] = []
let testDb: TestDb
/** The test's own connection to the server's database, opened once the first server has migrated it. */
let reader: Store | undefined

beforeAll(async () => {
  testDb = await freshTestDb()
})
afterAll(async () => {
  killChildren()
  await Promise.all(sinks.map((k) => k.close()))
  await reader?.close()
  await testDb?.drop()
})

type Running = ChildServer

const serve = (port: number): Promise<Running> =>
  serveChild({ port, db: testDb.location, keyId: KEY_ID, keySecret: KEY_SECRET, readyTimeoutMs: 40_000 })

async function kill(r: Running): Promise<void> {
  r.proc.kill('SIGKILL')
  expect((await r.exited).signal).toBe('SIGKILL')
}

function db() {
  if (!reader) throw new Error('the reader is opened after the first server start')
  return reader.db
}

const eventIds = async (): Promise<string[]> => (await db().selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id)
const statuses = async (): Promise<Record<string, number>> =>
  Object.fromEntries(
    (
      await db()
        .selectFrom('webhook_deliveries')
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute()
    ).map((r) => [r.status, r.n]),
  )
const attemptedDeliveries = async (): Promise<number> =>
  (await db().selectFrom('webhook_attempts').select((eb) => eb.fn.count<number>('delivery_id').distinct().as('n')).executeTakeFirstOrThrow()).n

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('webhook delivery survives SIGKILL', () => {
  it('delivers every event after a restart, whether the endpoint was down or the POST was in flight', async () => {
    const port = await freePort()
    const sinkPort = await freePort()
    const url = `http://127.0.0.1:${port}`
    const merchant = () => ({ rzp: sdkFor(url, KEY_ID, KEY_SECRET) }) as any

    // ── 1. endpoint down ──────────────────────────────────────────────────────────────────
    let server = await serve(port)
    reader = await openCrashStore(testDb.location)
    const hook: any = await merchant().rzp.webhooks.create({
      url: `http://127.0.0.1:${sinkPort}/hook`,
      secret: SECRET,
      events: ['payment.authorized', 'payment.captured', 'order.paid'],
    })
    expect(hook.active).toBe(true)
    for (let i = 0; i < 3; i++) await capturedPayment(merchant())
    const phase1 = await eventIds()
    expect(phase1).toHaveLength(9)
    // the poller has tried (and been refused) at least once for each
    await until(async () => (await attemptedDeliveries()) === 9, 20_000, 'first attempts')
    await kill(server)
    expect(await statuses()).toEqual({ pending: 9 })

    const sink = await startSink({ secret: SECRET, port: sinkPort })
    sinks.push(sink)
    server = await serve(port)
    await until(() => new Set(sink.received.map((r) => r.headers['x-razorpay-event-id'])).size === 9, 30_000, 'redelivery after restart')
    expect([...new Set(sink.received.map((r) => String(r.headers['x-razorpay-event-id'])))].sort()).toEqual(phase1)
    expect(sink.received.every((r) => r.signatureValid === true)).toBe(true)
    for (const r of sink.received) expect(r.raw).toBe(await envelopeOf(String(r.headers['x-razorpay-event-id'])))
    await until(async () => (await statuses()).delivered === 9, 15_000, 'delivered marks')
    expect(await statuses()).toEqual({ delivered: 9 })

    // ── 2. killed while the POSTs are in flight ──────────────────────────────────────────
    sink.delayMs = 60_000 // accept, never answer (before the kill)
    const before = sink.received.length
    await capturedPayment(merchant())
    const phase2 = (await eventIds()).filter((id) => !phase1.includes(id))
    expect(phase2).toHaveLength(3)
    await sink.waitFor(before + 3, 15_000) // all three POSTs are open now
    await kill(server)
    expect(await statuses()).toEqual({ delivered: 9, pending: 3 })

    sink.delayMs = 0
    server = await serve(port)
    // past the 30 s lease on the merchant's clock: the runner performs the due retries before answering
    const res = await fetch(`${url}/_sandbox/clock`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ advance_by: 120 }),
    })
    expect(res.status).toBe(200)
    await until(async () => (await statuses()).delivered === 12, 15_000, 'phase 2 delivered')
    for (const id of phase2) {
      const got = sink.received.slice(before).filter((r) => r.headers['x-razorpay-event-id'] === id)
      expect(got.length, id).toBeGreaterThanOrEqual(2) // the lost in-flight POST, then the retry
      expect(new Set(got.map((r) => r.raw)).size).toBe(1)
      expect(got.every((r) => r.signatureValid === true)).toBe(true)
      expect(got[0].raw).toBe(await envelopeOf(id))
    }
    // phase-1 events were not sent again
    for (const id of phase1) expect(sink.received.filter((r) => r.headers['x-razorpay-event-id'] === id)).toHaveLength(1)

    server.proc.kill('SIGTERM')
    expect((await server.exited).code).toBe(0)
    expect(await statuses()).toEqual({ delivered: 12 })
  }, 180_000) // three server starts; generous for loaded CI machines
})

/** The exact body Tijori must send for an event id (the envelope of the stored event). */
async function envelopeOf(id: string): Promise<string | undefined> {
  const row = await db().selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()
  return row && eventEnvelope(row)
}
