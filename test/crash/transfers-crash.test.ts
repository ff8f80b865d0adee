/**
 * Crash test for exactly-once direct transfers (Route, issue 4): clients fire POST /v1/transfers with
 * X-Transfer-Idempotency keys (each key sent twice at once) at the real server, the server is
 * SIGKILLed mid-load and restarted on the same database (a SQLite file, or a PostgreSQL schema in the
 * `postgres` vitest project: test/support/test-db.ts), and every key is retried. Then:
 *   - every retry answers 200 with one transfer per key, and keys acknowledged before the kill answer
 *     with the transfer they were acknowledged with;
 *   - the database holds exactly one transfer per key and one key record per transfer;
 *   - the ledger sums to zero, the payment balance lost exactly amount + fees per transfer and the
 *     linked account holds exactly the amounts;
 *   - the SQLite file passes integrity_check; PostgreSQL opens with no migration pending.
 * The key record, the transfer and its ledger entries commit in one transaction.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, jsonRequest, killChildren, serveChild } from '../support/child-server.js'
import { readStore, sqliteIntegrityCheck } from '../support/crash-db.js'
import { loadKillRetry } from '../support/keyed-crash.js'
import { freshTestDb, testDialect, type TestDb } from '../support/test-db.js'

const KEY_ID = 'rzp_test_RouteCrash00001'
const KEY_SECRET = 'route_crash_secret_01234'
const AUTH = 'Basic ' + Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')
const CLIENTS = 20
const LOAD_MS = 1500
const MAX_LOAD_MS = 10_000
const FUNDS = 1_00_00_000_00

let testDb: TestDb
beforeAll(async () => {
  testDb = await freshTestDb()
})
afterAll(async () => {
  killChildren()
  await testDb?.drop()
})

const serve = (port: number) => serveChild({ port, db: testDb.location, keyId: KEY_ID, keySecret: KEY_SECRET })

function request(agent: http.Agent, port: number, method: string, path: string, body?: unknown, key?: string) {
  return jsonRequest(agent, port, method, path, { authorization: AUTH, ...(key === undefined ? {} : { 'X-Transfer-Idempotency': key }) }, body)
}

describe('direct transfer crash safety', () => {
  it(
    'makes exactly one transfer per idempotency key across a SIGKILL and a retry of every key',
    async () => {
      const port = await freePort()
      const first = await serve(port)
      const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 })

      const account = await request(agent, port, 'POST', '/v2/accounts', {
        email: 'crash.seller@example.com',
        phone: '9000090000',
        type: 'route',
        legal_business_name: 'Crash Test Seller',
        business_type: 'partnership',
        contact_name: 'Gaurav Kumar',
        profile: { category: 'healthcare', subcategory: 'clinic', addresses: { registered: { street1: '507, Koramangala', city: 'Bengaluru', state: 'KARNATAKA', postal_code: '560034', country: 'IN' } } },
      })
      expect(account.status).toBe(200)
      const acc = account.body.id as string
      expect((await request(agent, port, 'POST', `/_sandbox/accounts/${acc}/activate`)).status).toBe(200)
      expect((await request(agent, port, 'POST', '/_sandbox/balance', { amount: FUNDS })).status).toBe(200)

      const { keys, acked, byKey, second } = await loadKillRetry({
        first,
        restart: () => serve(port),
        agent,
        send: (a, body, key) => request(a, port, 'POST', '/v1/transfers', body, key),
        bodyFor: (c, i) => ({ account: acc, amount: 100 + ((c * 7919 + i * 104729) % 100_000), currency: 'INR' }),
        clients: CLIENTS,
        loadMs: LOAD_MS,
        maxLoadMs: MAX_LOAD_MS,
      })
      try {
        // (readStore opens with migrate: false, so on PostgreSQL it also proves no migration is pending.)
        await readStore(testDb.location, async (db) => {
          const transfers = await db.selectFrom('transfers').select(['id', 'amount', 'fees', 'status']).execute()
          expect(transfers.length).toBe(keys.length)
          expect(transfers.every((t) => t.status === 'processed')).toBe(true)
          const ids = new Set(transfers.map((t) => t.id))
          for (const id of byKey.values()) expect(ids.has(id)).toBe(true)
          const records = await db.selectFrom('idempotency_keys').select(['key', 'resource_id']).where('scope', '=', 'transfer').execute()
          expect(records.length).toBe(keys.length)
          for (const r of records) expect(byKey.get(r.key)).toBe(r.resource_id)
          const sums = await db
            .selectFrom('ledger_entries')
            .select((eb) => ['currency', eb.fn.sum<number>('amount').as('total')])
            .groupBy('currency')
            .execute()
          for (const s of sums) expect(s.total).toBe(0)
          const held = async (account: string) =>
            (
              await db
                .selectFrom('ledger_entries')
                .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('n'))
                .where('account', '=', account)
                .executeTakeFirstOrThrow()
            ).n
          expect(await held('merchant_balance')).toBe(FUNDS - transfers.reduce((t, x) => t + x.amount + x.fees, 0))
          expect(await held(`linked:${acc}`)).toBe(transfers.reduce((t, x) => t + x.amount, 0))
          if (testDialect() === 'sqlite') {
            // The file itself survived the kill intact (PostgreSQL recovers its own files).
            expect(await sqliteIntegrityCheck(db)).toBe('ok')
          }
        })
        console.log(`transfer crash test: ${keys.length} keys sent, ${acked.size} acknowledged before SIGKILL; one transfer per key after restart`)
      } finally {
        second.proc.kill('SIGTERM')
        const r = await Promise.race([second.exited, new Promise((res) => setTimeout(() => res('timeout'), 10_000))])
        if (r === 'timeout') second.proc.kill('SIGKILL')
      }
    },
    90_000, // two server starts, a load phase and a retry of every key; generous for loaded CI machines and PostgreSQL
  )
})
