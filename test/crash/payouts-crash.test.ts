/**
 * Crash test for exactly-once payouts (issue 3): clients fire payouts with X-Payout-Idempotency keys
 * (each key sent twice at once) at the real server (`node bin/tijori.mjs serve`), the server is
 * SIGKILLed mid-load and restarted on the same database (a SQLite file, or a PostgreSQL schema in the
 * `postgres` vitest project: test/support/test-db.ts), and every key is retried. Then:
 *   - every retry answers 200 with one payout per key, and keys acknowledged before the kill
 *     answer with the payout they were acknowledged with;
 *   - the database holds exactly one payout per key and one key record per payout;
 *   - the ledger sums to zero and the business account lost exactly amount + fees per payout;
 *   - the SQLite file passes integrity_check; PostgreSQL opens with no migration pending.
 * The key record and the payout commit in one transaction, so no crash point separates them.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, jsonRequest, killChildren, serveChild } from '../support/child-server.js'
import { readStore, sqliteIntegrityCheck } from '../support/crash-db.js'
import { loadKillRetry } from '../support/keyed-crash.js'
import { freshTestDb, testDialect, type TestDb } from '../support/test-db.js'

const KEY_ID = 'rzp_test_PayoutCrash0001'
const KEY_SECRET = 'payout_crash_secret_0123'
const AUTH = 'Basic ' + Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')
const CLIENTS = 20
const LOAD_MS = 1500
const MAX_LOAD_MS = 10_000
const OPENING = 1_00_00_000_00

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
  return jsonRequest(agent, port, method, path, { authorization: AUTH, ...(key === undefined ? {} : { 'X-Payout-Idempotency': key }) }, body)
}

describe('payout crash safety', () => {
  it(
    'makes exactly one payout per idempotency key across a SIGKILL and a retry of every key',
    async () => {
      const port = await freePort()
      const first = await serve(port)
      const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 })

      const acct = (await request(agent, port, 'GET', '/v1/banking_balances')).body.items[0].account_number as string
      const contact = await request(agent, port, 'POST', '/v1/contacts', { name: 'Crash Test Vendor', type: 'vendor' })
      const fa = await request(agent, port, 'POST', '/v1/fund_accounts', {
        contact_id: contact.body.id,
        account_type: 'bank_account',
        bank_account: { name: 'Crash Test Vendor', ifsc: 'HDFC0000053', account_number: '765432123456789' },
      })
      expect(fa.status).toBe(200)

      const { keys, acked, byKey, second } = await loadKillRetry({
        first,
        restart: () => serve(port),
        agent,
        send: (a, body, key) => request(a, port, 'POST', '/v1/payouts', body, key),
        bodyFor: (c, i) => ({ account_number: acct, fund_account_id: fa.body.id, amount: 100 + ((c * 7919 + i * 104729) % 100_000), currency: 'INR', mode: 'IMPS', purpose: 'payout' }),
        clients: CLIENTS,
        loadMs: LOAD_MS,
        maxLoadMs: MAX_LOAD_MS,
      })
      try {
        // (readStore opens with migrate: false, so on PostgreSQL it also proves no migration is pending.)
        await readStore(testDb.location, async (db) => {
          const payouts = await db.selectFrom('payouts').select(['id', 'amount', 'fees', 'status']).execute()
          expect(payouts.length).toBe(keys.length)
          const ids = new Set(payouts.map((p) => p.id))
          for (const id of byKey.values()) expect(ids.has(id)).toBe(true)
          const records = await db.selectFrom('idempotency_keys').select(['key', 'resource_id']).where('scope', '=', 'payout').execute()
          expect(records.length).toBe(keys.length)
          for (const r of records) expect(byKey.get(r.key)).toBe(r.resource_id)
          const sums = await db
            .selectFrom('ledger_entries')
            .select((eb) => ['currency', eb.fn.sum<number>('amount').as('total')])
            .groupBy('currency')
            .execute()
          for (const s of sums) expect(s.total).toBe(0)
          const { balance } = await db.selectFrom('business_accounts').select('balance').where('account_number', '=', acct).executeTakeFirstOrThrow()
          const spent = payouts.filter((p) => p.status === 'processing' || p.status === 'processed').reduce((t, p) => t + p.amount + p.fees, 0)
          expect(balance).toBe(OPENING - spent)
          if (testDialect() === 'sqlite') {
            // The file itself survived the kill intact (PostgreSQL recovers its own files).
            expect(await sqliteIntegrityCheck(db)).toBe('ok')
          }
        })
        console.log(`payout crash test: ${keys.length} keys sent, ${acked.size} acknowledged before SIGKILL; one payout per key after restart`)
      } finally {
        second.proc.kill('SIGTERM')
        const r = await Promise.race([second.exited, new Promise((res) => setTimeout(() => res('timeout'), 10_000))])
        if (r === 'timeout') second.proc.kill('SIGKILL')
      }
    },
    90_000, // two server starts, a load phase and a retry of every key; generous for loaded CI machines and PostgreSQL
  )
})
