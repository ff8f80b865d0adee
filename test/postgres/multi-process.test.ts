/**
 * Issue #7's proof: several Tijori processes on one PostgreSQL database behave as one server.
 *
 * Four `tijori serve` children start at once on one fresh schema (they migrate concurrently and each
 * makes sure the configured merchant exists). A client spreads its requests round-robin over them:
 *   wave 1 — card payments (each step of a payment on a different process), 50 concurrent identical
 *            POST /v1/payouts with ONE X-Payout-Idempotency key and 50 concurrent identical
 *            POST /v1/transfers with ONE X-Transfer-Idempotency key: every answer is 200 with the
 *            same id or 409 (duplicate in flight), and a retry of the key on each process answers 200
 *            with that id;
 *   wave 2 — more payments and payouts with distinct keys, each key sent to two processes at once,
 *            while one process is SIGKILLed mid-run: requests that hit the dead process fail with a
 *            connection error and are retried on the others with the same key.
 * Then, reading the database itself:
 *   - one merchant, one business account; exactly one payout for the wave-1 key, one transfer for the
 *     transfer key, one payout per wave-2 key, one key record per payout/transfer;
 *   - the ledger sums to zero per currency (and per ledger transaction), no business account balance
 *     is negative and each equals its ledger balance;
 *   - every webhook is delivered: no delivery left pending or failed, and every event in the outbox
 *     reached the sink (with a valid signature) at least once — including those whose delivery the
 *     killed process had leased.
 */
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { afterAll, describe, expect, it, onTestFailed } from 'vitest'
import { ACCOUNTS, balance, totals } from '../../src/ledger/ledger.js'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
// Table types that the slices add to the schema (business_accounts, payouts, transfers).
import type {} from '../../src/domain/banking/store.js'
import type {} from '../../src/domain/payouts/store.js'
import type {} from '../../src/domain/transfers/store.js'
import { freePort, jsonRequest, killChildren, serveChild, type ChildServer } from '../support/child-server.js'
import { freshTestDb, type TestDb } from '../support/test-db.js'
import { ledgerSum } from '../support/ledger.js'
import { startSink, type Sink } from '../webhooks/sink.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

const KEY_ID = 'rzp_test_MultiProcess001'
const KEY_SECRET = 'multi_process_secret_0123'
const AUTH = 'Basic ' + Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')
const WEBHOOK_SECRET = 'multi_process_webhook_secret'
const PROCESSES = 4
const BURST = 50 // identical requests sharing one idempotency key
const WAVE2_KEYS = 60 // distinct payout keys in the wave with the kill
const WAVE2_CLIENTS = 6
const WAVE2_PAYMENTS = 6
const OPENING = 1_00_00_000_00 // every business account's opening test balance (banking/accounts.ts)
const TOP_UP = 10_00_000_00 // payment balance for Route transfers
const CARD = { number: '4111111111111111', name: 'Gaurav Kumar', expiry_month: '12', expiry_year: '30', cvv: '123' }

type Answer = { status: number; body: any }

/** A connection-level failure (the process is gone), as opposed to an HTTP answer. */
function connectionError(err: unknown): string | null {
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' ? code : null
}

/**
 * The client's view of the cluster: one keep-alive agent, the processes' ports, and the processes it
 * has found refusing connections (skipped from then on, as a load balancer would).
 */
class Cluster {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  readonly down = new Set<number>()
  /** Requests that failed at the connection level and were sent again elsewhere. */
  failovers = 0

  constructor(readonly procs: ChildServer[], readonly ports: number[]) {}

  /** One request to process i (rejects on a connection error). */
  send(i: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return jsonRequest(this.agent, this.ports[i % PROCESSES], method, path, { authorization: AUTH, ...headers }, body)
  }

  /** The first process at or after i that the client does not know to be down. */
  live(i: number): number {
    for (let k = 0; k < PROCESSES; k++) {
      const j = (i + k) % PROCESSES
      if (!this.down.has(j)) return j
    }
    throw new Error('every process is down')
  }

  /**
   * Sends to process i, and on a connection error to the next live one, and so on: the answer, and
   * whether an earlier try failed mid-flight (its effect may then have happened without an answer).
   */
  async failover(i: number, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer & { lost: boolean }> {
    let lost = false
    for (let attempt = 0; attempt < 3 * PROCESSES; attempt++) {
      const j = this.live(i + attempt)
      try {
        return { ...(await this.send(j, method, path, body, headers)), lost }
      } catch (err) {
        const code = connectionError(err)
        if (code === null) throw err
        this.failovers++
        if (code === 'ECONNREFUSED') this.down.add(j) // nothing listens there any more
        else lost = true // reset mid-request: it may have been processed
      }
    }
    throw new Error(`${method} ${path}: no process answered`)
  }

  /** failover(), expecting 200. */
  async ok(i: number, method: string, path: string, body?: unknown): Promise<any> {
    const r = await this.failover(i, method, path, body)
    expect(r.status, `${method} ${path} → ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200)
    return r.body
  }
}

/**
 * A server-to-server card payment, each step on the next process: order, create/json, OTP, capture.
 * A step that was cut off by the kill and retried elsewhere may find it already done (the retry then
 * answers 400), so after a lost answer the payment's state decides.
 */
async function cardPayment(c: Cluster, start: number, amount: number): Promise<string> {
  const order = await c.ok(start, 'POST', '/v1/orders', { amount, currency: 'INR', receipt: `mp-${start}-${amount}` })
  const created = await c.ok(start + 1, 'POST', '/v1/payments/create/json', {
    amount,
    currency: 'INR',
    order_id: order.id,
    email: 'gaurav.kumar@example.com',
    contact: '9000090000',
    method: 'card',
    card: CARD,
  })
  const id = created.razorpay_payment_id as string
  const step = async (i: number, path: string, body: unknown, doneWhen: string[]) => {
    const r = await c.failover(i, 'POST', path, body)
    if (r.status === 200) return
    const now = await c.ok(i, 'GET', `/v1/payments/${id}`)
    expect(r.lost && doneWhen.includes(now.status), `POST ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`).toBe(true)
  }
  await step(start + 2, `/v1/payments/${id}/otp/submit`, { otp: '123456' }, ['authorized', 'captured'])
  await step(start + 3, `/v1/payments/${id}/capture`, { amount, currency: 'INR' }, ['captured'])
  return id
}

/**
 * BURST identical requests with one key at once, round-robin over the processes. Every answer must be
 * 200 with one id, or 409 (a duplicate still in flight); then the key retried on each process
 * answers 200 with that id.
 */
async function burst(c: Cluster, path: string, header: string, key: string, body: unknown): Promise<string> {
  const answers = await Promise.all(Array.from({ length: BURST }, (_, j) => c.send(j, 'POST', path, body, { [header]: key })))
  const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 409)
  expect(unexpected.map((a) => `${a.status} ${JSON.stringify(a.body).slice(0, 300)}`)).toEqual([])
  const ids = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.id as string))
  expect(ids.size, `${path}: distinct ids among the 200 answers`).toBe(1)
  const [id] = ids
  for (let i = 0; i < PROCESSES; i++) {
    const again = await c.send(i, 'POST', path, body, { [header]: key })
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    expect(again.body.id).toBe(id)
  }
  return id
}

/** The deliveries in this state, from the delivery log (its first page is enough: the test wants none). */
async function deliveriesIn(c: Cluster, status: 'pending' | 'failed'): Promise<any[]> {
  const r = await c.ok(c.live(0), 'GET', `/_sandbox/webhook_deliveries?status=${status}&count=100`)
  return r.items
}

let testDb: TestDb | null = null
let store: Store | null = null
let sink: Sink | null = null
let cluster: Cluster | null = null

afterAll(async () => {
  killChildren()
  cluster?.agent.destroy()
  await sink?.close()
  await store?.close()
  await testDb?.drop()
})

describe('several processes on one PostgreSQL database', () => {
  it(
    'keep exactly-once payouts and transfers, a zero-sum ledger and every webhook across a SIGKILL',
    async () => {
      const started = Date.now()
      testDb = await freshTestDb()
      sink = await startSink({ secret: WEBHOOK_SECRET })

      // 1. Four processes start at once: concurrent migrations (advisory lock) and concurrent
      //    "ensure the merchant for this key" — none may fail, and there must be one merchant.
      const ports: number[] = []
      while (ports.length < PROCESSES) {
        const p = await freePort()
        if (!ports.includes(p)) ports.push(p)
      }
      const procs = await Promise.all(
        ports.map((port) => serveChild({ port, db: testDb!.location, keyId: KEY_ID, keySecret: KEY_SECRET, logLevel: 'error', readyTimeoutMs: 60_000 })),
      )
      const c = (cluster = new Cluster(procs, ports))
      // A failure is easier to read with the processes' own error logs next to it.
      onTestFailed(() => {
        for (const [i, p] of procs.entries()) console.error(`--- process ${i} (port ${ports[i]}) log:\n${(p.stdout() + p.stderr()).slice(-6000)}`)
      })
      store = await openStore(testDb.location, { migrate: false })
      const db = store.db
      const merchants = await db.selectFrom('merchants').select('id').execute()
      expect(merchants.length).toBe(1)
      const merchantId = merchants[0].id

      // 2. The webhook first, so that every event of the run has a delivery.
      const hook = await c.ok(0, 'POST', '/v1/webhooks', { url: sink.url, events: ['*'], secret: WEBHOOK_SECRET })
      expect(hook.active).toBe(true)

      // The business account is created on first use: asked for by all four at once, there is one.
      const balances = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => c.ok(i, 'GET', '/v1/banking_balances')))
      const accountNumber = balances[0].items[0].account_number as string
      for (const b of balances) expect(b.items.map((x: any) => x.account_number)).toEqual([accountNumber])

      // Payout and Route prerequisites, each made through a different process than it is used on.
      const contact = await c.ok(1, 'POST', '/v1/contacts', { name: 'Multi Process Vendor', type: 'vendor' })
      const fundAccount = await c.ok(2, 'POST', '/v1/fund_accounts', {
        contact_id: contact.id,
        account_type: 'bank_account',
        bank_account: { name: 'Multi Process Vendor', ifsc: 'HDFC0000053', account_number: '765432123456789' },
      })
      const linked = await c.ok(3, 'POST', '/v2/accounts', {
        email: 'multi.seller@example.com',
        phone: '9000090000',
        type: 'route',
        legal_business_name: 'Multi Process Seller',
        business_type: 'partnership',
        contact_name: 'Gaurav Kumar',
        profile: { category: 'healthcare', subcategory: 'clinic', addresses: { registered: { street1: '507, Koramangala', city: 'Bengaluru', state: 'KARNATAKA', postal_code: '560034', country: 'IN' } } },
      })
      await c.ok(0, 'POST', `/_sandbox/accounts/${linked.id}/activate`)
      await c.ok(1, 'POST', '/_sandbox/balance', { amount: TOP_UP })
      const payoutBody = (amount: number) => ({ account_number: accountNumber, fund_account_id: fundAccount.id, amount, currency: 'INR', mode: 'IMPS', purpose: 'payout' })

      // 3. Wave 1: payments alongside the two 50-request bursts.
      const transferBody = { account: linked.id, amount: 12_345, currency: 'INR' }
      const [wave1Payments, payoutId, transferId] = await Promise.all([
        Promise.all(Array.from({ length: 8 }, (_, i) => cardPayment(c, i, 10_000 + i * 100))),
        burst(c, '/v1/payouts', 'X-Payout-Idempotency', 'multi-process-payout-1', payoutBody(54_321)),
        burst(c, '/v1/transfers', 'X-Transfer-Idempotency', 'multi-process-transfer-1', transferBody),
      ])

      // 4. Wave 2: distinct payout keys, each sent to two processes at once, and more payments; one
      //    process is SIGKILLed once a good part of the keys are answered.
      const victim = 2
      const byKey = new Map<string, string>() // key → payout id (every 200 for a key must agree)
      const problems: string[] = []
      let nextKey = 0
      const lane = async (i: number, key: string, body: unknown) => {
        for (let attempt = 0; attempt < 400; attempt++) {
          const r = await c.failover(i + attempt, 'POST', '/v1/payouts', body, { 'X-Payout-Idempotency': key })
          if (r.status === 200) {
            const before = byKey.get(key)
            if (before !== undefined && before !== r.body.id) problems.push(`${key}: answered ${before} and ${r.body.id}`)
            byKey.set(key, r.body.id)
            return
          }
          if (r.status !== 409) return void problems.push(`${key}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
          await sleep(20) // the twin is still in flight: ask again
        }
        problems.push(`${key}: still 409 after 400 tries`)
      }
      const client = async (n: number) => {
        while (nextKey < WAVE2_KEYS) {
          const k = nextKey++
          const key = `wave2-${k}`
          const body = payoutBody(100 + ((k * 7919) % 100_000))
          await Promise.all([lane(k + n, key, body), lane(k + n + 1, key, body)])
        }
      }
      // A slow webhook endpoint during the kill, so that the victim very likely dies holding leased
      // deliveries mid-POST: they must come back through the other processes.
      sink.delayMs = 1000
      const wave2Keys = Promise.all(Array.from({ length: WAVE2_CLIENTS }, (_, n) => client(n)))
      const wave2PaymentsDone = Promise.all(Array.from({ length: WAVE2_PAYMENTS }, (_, i) => cardPayment(c, i, 20_000 + i * 100)))
      const killAfter = Date.now()
      while (byKey.size < WAVE2_KEYS / 3 && Date.now() - killAfter < 20_000) await sleep(10)
      procs[victim].proc.kill('SIGKILL')
      expect(await procs[victim].exited).toEqual({ code: null, signal: 'SIGKILL' })
      const answeredBeforeKill = byKey.size
      sink.delayMs = 0
      const [, wave2Payments] = await Promise.all([wave2Keys, wave2PaymentsDone])
      expect(problems.slice(0, 10)).toEqual([])
      expect(byKey.size).toBe(WAVE2_KEYS)
      expect(answeredBeforeKill).toBeLessThan(WAVE2_KEYS) // the kill really landed mid-run
      expect(c.down.has(victim)).toBe(true) // …and the client found the process gone

      // Every payment of both waves is captured, whichever process answers.
      for (const [i, id] of [...wave1Payments, ...wave2Payments].entries()) expect((await c.ok(c.live(i), 'GET', `/v1/payments/${id}`)).status).toBe('captured')

      // 5. The database: exactly once, and money conserved.
      expect((await db.selectFrom('merchants').select('id').execute()).length).toBe(1)
      expect((await db.selectFrom('api_keys').select('key_id').execute()).map((k) => k.key_id)).toEqual([KEY_ID])
      const accounts = await db.selectFrom('business_accounts').selectAll().execute()
      expect(accounts.map((a) => a.account_number)).toEqual([accountNumber])

      const payouts = await db.selectFrom('payouts').select(['id', 'amount', 'fees', 'status']).where('merchant_id', '=', merchantId).execute()
      expect(payouts.length).toBe(1 + WAVE2_KEYS)
      const payoutIds = new Set(payouts.map((p) => p.id))
      expect(payoutIds.has(payoutId)).toBe(true)
      for (const id of byKey.values()) expect(payoutIds.has(id)).toBe(true)
      const payoutKeys = await db.selectFrom('idempotency_keys').select(['key', 'resource_id']).where('scope', '=', 'payout').execute()
      const expectedKeys = new Map([['multi-process-payout-1', payoutId], ...byKey])
      expect(new Map(payoutKeys.map((r) => [r.key, r.resource_id]))).toEqual(expectedKeys)

      const transfers = await db.selectFrom('transfers').select(['id', 'amount', 'status']).where('merchant_id', '=', merchantId).execute()
      expect(transfers).toEqual([{ id: transferId, amount: transferBody.amount, status: 'processed' }])
      const transferKeys = await db.selectFrom('idempotency_keys').select(['key', 'resource_id']).where('scope', '=', 'transfer').execute()
      expect(transferKeys).toEqual([{ key: 'multi-process-transfer-1', resource_id: transferId }])
      expect(await balance(db, merchantId, `linked:${linked.id}`)).toBe(transferBody.amount)

      for (const [currency, sum] of Object.entries(await totals(db))) expect(sum, `ledger total in ${currency}`).toBe(0)
      const unbalanced = await db
        .selectFrom('ledger_entries')
        .select(['txn_id', sql<number>`sum(amount)`.as('total')])
        .groupBy(['txn_id', 'currency'])
        .having(sql`sum(amount)`, '!=', 0)
        .execute()
      expect(unbalanced).toEqual([])
      // Every payout succeeds in the simulated bank, so each took amount + fees exactly once.
      const spent = payouts.reduce((t, p) => t + p.amount + p.fees, 0)
      for (const a of accounts) {
        expect(a.balance).toBeGreaterThanOrEqual(0)
        expect(a.balance).toBe(await ledgerSum(db, merchantId, `razorpayx:${a.account_number}`))
      }
      expect(accounts[0].balance).toBe(OPENING - spent)
      expect(await balance(db, merchantId, ACCOUNTS.merchantBalance)).toBeGreaterThanOrEqual(0)

      // 6. Every webhook delivered. Deliveries the victim had leased stay pending until the lease
      //    (30 s of the merchant's clock) ends: if some are still pending after a few seconds, move
      //    the clock a minute through a live process (which also settles the IMPS payouts: more events).
      const received = () => new Set(sink!.received.filter((r) => r.answered === 200).map((r) => String(r.headers['x-razorpay-event-id'])))
      const deadline = Date.now() + 90_000
      const waitStart = Date.now()
      let advanced = false
      for (;;) {
        const [pending, failed] = [await deliveriesIn(c, 'pending'), await deliveriesIn(c, 'failed')]
        const events = await db.selectFrom('events').select(['id', 'event']).where('merchant_id', '=', merchantId).execute()
        const got = received()
        const missing = events.filter((e) => !got.has(e.id))
        if (pending.length === 0 && failed.length === 0 && missing.length === 0) {
          expect(events.length).toBeGreaterThan(0)
          break
        }
        if (Date.now() > deadline) {
          expect({ pending: pending.map((d) => [d.event, d.next_attempt_at, d.attempt_count]), failed: failed.map((d) => d.id), missing: missing.slice(0, 20) }).toEqual({
            pending: [],
            failed: [],
            missing: [],
          })
        }
        if (!advanced && pending.length > 0 && Date.now() - waitStart > 5_000) {
          await c.ok(c.live(0), 'POST', '/_sandbox/clock', { advance_by: 60 })
          advanced = true
        }
        await sleep(250)
      }
      expect(sink.received.every((r) => r.signatureValid === true)).toBe(true)
      const kinds = new Set((await db.selectFrom('events').select('event').distinct().execute()).map((e) => e.event))
      for (const e of ['payment.authorized', 'payment.captured', 'order.paid', 'payout.initiated', 'transfer.processed']) expect(kinds.has(e), e).toBe(true)

      // The survivors still serve.
      for (let i = 0; i < PROCESSES; i++) if (i !== victim) expect((await c.send(i, 'GET', `/v1/payouts/${payoutId}`)).body.id).toBe(payoutId)

      // At-least-once allows duplicates; count them (a killed POST is one, a racing claim another).
      const eventCount = (await db.selectFrom('events').select('id').execute()).length
      const duplicates = sink.received.length - new Set(sink.received.map((r) => String(r.headers['x-razorpay-event-id']))).size
      console.log(
        `multi-process test: ${PROCESSES} processes, ${answeredBeforeKill}/${WAVE2_KEYS} wave-2 keys answered before SIGKILL, ` +
          `${c.failovers} connection failures retried elsewhere, ${sink.received.length} webhook POSTs for ${eventCount} events ` +
          `(${duplicates} duplicates), clock advanced: ${advanced}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    },
    180_000,
  )
})
