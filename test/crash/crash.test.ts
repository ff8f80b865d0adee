/**
 * Crash test (issue 2): SIGKILL the real server (`node bin/tijori.mjs serve`) while ~30 keep-alive
 * clients create orders, restart it on the same database — a SQLite file, or a PostgreSQL schema in
 * the `postgres` vitest project (test/support/test-db.ts) — and prove that
 *   - every acknowledged (200) order is there, with the amount and receipt it was created with;
 *   - the database holds no order that was never sent (count ≤ requests sent, every receipt known);
 *   - the restart applies no migration again and logs no errors; the SQLite file passes
 *     integrity_check, and on PostgreSQL every migration file is recorded exactly once.
 * SQLite's group commit answers only after COMMIT under synchronous=FULL, and PostgreSQL's COMMIT
 * returns after the WAL flush, so nothing acknowledged may be lost.
 * SIGKILL tests a process crash, not power loss (shared/spec/performance.md A.5).
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, killChildren, serveChild, type ChildServer } from '../support/child-server.js'
import { migrationCounts, migrationFiles, readStore, sqliteIntegrityCheck } from '../support/crash-db.js'
import { freshTestDb, testDialect, type TestDb } from '../support/test-db.js'
import { eachConcurrently } from '../support/concurrently.js'

const KEY_ID = 'rzp_test_CrashTest00001'
const KEY_SECRET = 'crash_secret_0123456789'
const AUTH = 'Basic ' + Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')
const CLIENTS = 30
const LOAD_MS = 3000
const MAX_LOAD_MS = 12_000

let testDb: TestDb
beforeAll(async () => {
  testDb = await freshTestDb()
})
afterAll(async () => {
  killChildren()
  await testDb?.drop()
})

type Running = ChildServer

/** Starts the server and resolves once it prints its listening line. */
const serve = (port: number, logLevel: string): Promise<Running> =>
  serveChild({ port, db: testDb.location, keyId: KEY_ID, keySecret: KEY_SECRET, logLevel })

function request(agent: http.Agent, port: number, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          authorization: AUTH,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('crash safety', () => {
  it(
    'keeps every acknowledged order after SIGKILL under concurrent create-order load',
    async () => {
      const port = await freePort()
      const first = await serve(port, 'silent')

      interface Sent {
        amount: number
        receipt: string
      }
      const sent = new Map<string, Sent>() // receipt → what was sent
      const acked = new Map<string, Sent>() // order id → what was sent
      const otherStatus: Record<string, number> = {}
      let failed = 0 // connection errors (expected once the server is killed)
      let stop = false
      const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS })

      const client = async (c: number) => {
        for (let i = 0; !stop; i++) {
          const payload: Sent = { amount: 100 + ((c * 100_003 + i * 7) % 900_000), receipt: `crash_${c}_${i}` }
          sent.set(payload.receipt, payload)
          try {
            const r = await request(agent, port, 'POST', '/v1/orders', JSON.stringify({ ...payload, currency: 'INR', notes: { client: String(c) } }))
            if (r.status === 200) acked.set((JSON.parse(r.body) as { id: string }).id, payload)
            else otherStatus[r.status] = (otherStatus[r.status] ?? 0) + 1
          } catch {
            failed++
            if (stop) return
            await new Promise((r) => setTimeout(r, 5))
          }
        }
      }
      const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)))
      // Kill mid-load: after LOAD_MS once enough orders are acknowledged (a loaded machine, or
      // PostgreSQL's fsync per COMMIT, is slower), or at the cap.
      const started = Date.now()
      while (Date.now() - started < MAX_LOAD_MS && (Date.now() - started < LOAD_MS || acked.size <= 150)) await new Promise((r) => setTimeout(r, 50))
      const ackedBeforeKill = acked.size
      first.proc.kill('SIGKILL') // mid-load: requests are in flight right now
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' })
      stop = true
      await load
      agent.destroy()

      expect(ackedBeforeKill).toBeGreaterThan(100) // the load really ran
      expect(otherStatus).toEqual({}) // before the kill, every answer was a 200

      // Restart on the same database, with warnings and errors logged.
      const second = await serve(port, 'warn')
      try {
        const log = second.stdout() + second.stderr()
        expect(log).not.toMatch(/migrat|error|fatal|"level":(40|50|60)/i)
        expect(second.stdout()).not.toMatch(/Created merchant/) // the merchant survived; nothing was re-created

        // Every acknowledged order is fetchable, unchanged.
        const verifyAgent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS })
        const ids = [...acked.keys()]
        const mismatches: string[] = []
        await eachConcurrently(ids, CLIENTS, async (id) => {
          const want = acked.get(id) as Sent
          const r = await request(verifyAgent, port, 'GET', `/v1/orders/${id}`)
          const got = r.status === 200 ? (JSON.parse(r.body) as { id: string; amount: number; receipt: string; currency: string }) : null
          if (!got || got.id !== id || got.amount !== want.amount || got.receipt !== want.receipt || got.currency !== 'INR')
            mismatches.push(`${id}: ${r.status} ${r.body.slice(0, 200)}`)
        })
        verifyAgent.destroy()
        expect(mismatches.slice(0, 5)).toEqual([])

        // Nothing in the database that was never sent; at most every sent request committed.
        await readStore(testDb.location, async (db) => {
          const rows = await db.selectFrom('orders').select(['id', 'amount', 'receipt']).execute()
          expect(rows.length).toBeGreaterThanOrEqual(acked.size)
          expect(rows.length).toBeLessThanOrEqual(sent.size)
          const unknown = rows.filter((row) => row.receipt === null || sent.get(row.receipt)?.amount !== row.amount)
          expect(unknown.slice(0, 5)).toEqual([])
          // Each migration is recorded exactly once.
          const migrations = await migrationCounts(db)
          expect(migrations.length).toBeGreaterThan(0)
          expect(migrations.filter((m) => m.n !== 1)).toEqual([])
          if (testDialect() === 'sqlite') {
            // The file itself survived the kill intact.
            expect(await sqliteIntegrityCheck(db)).toBe('ok')
          } else {
            // PostgreSQL recovers its own files; what Tijori owns is the schema: every migration applied, none half-way.
            expect(migrations.map((m) => m.version)).toEqual(migrationFiles('postgres'))
          }
        })
        console.log(
          `crash test: ${sent.size} requests sent, ${acked.size} acknowledged (${ackedBeforeKill} before the kill signal), ` +
            `${failed} failed at the kill; all acknowledged orders present after restart`,
        )
      } finally {
        second.proc.kill('SIGTERM')
        const r = await Promise.race([second.exited, new Promise((res) => setTimeout(() => res('timeout'), 10_000))])
        if (r === 'timeout') second.proc.kill('SIGKILL')
      }
    },
    90_000, // two server starts and a load phase; generous for loaded CI machines and PostgreSQL
  )
})
