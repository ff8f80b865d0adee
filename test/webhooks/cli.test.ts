/**
 * The webhook CLI: `tijori webhooks add|list|rm` on a database given with --db — a SQLite file, or a
 * postgres:// URL in the `postgres` vitest project (test/support/test-db.ts) — run in-process through main(),
 * and `tijori listen`, which registers a temporary webhook on a running server, forwards every
 * delivery to a local handler and removes its webhook when it stops.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/index.js'
import { listen } from '../../src/cli/listen.js'
import { startTestServer, type TestServer } from '../support/harness.js'
import { freshTestDb, type TestDb } from '../support/test-db.js'
import { capturedPayment } from '../support/factories.js'
import { startSink, type Sink } from './sink.js'
import { advance } from './support.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

async function run(...args: string[]): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = []
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  process.exitCode = undefined
  try {
    await main(['node', 'tijori', ...args])
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
  const code = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return { out, err, code }
}

describe('tijori webhooks add | list | rm', () => {
  let testDb: TestDb
  let db: string
  beforeAll(async () => {
    testDb = await freshTestDb()
    db = testDb.location
  })
  afterAll(() => testDb?.drop())

  it('adds, lists and removes webhooks on the database', async () => {
    const created = await run('merchant', 'create', '--json', '--db', db)
    expect(created.code).toBe(0)
    const merchantId = JSON.parse(created.out[0]).merchant_id as string

    // one merchant: --merchant may be left out; events default to all
    const a = await run('webhooks', 'add', '--url', 'http://localhost:3000/hook', '--db', db, '--json')
    expect(a.code, a.err.join('\n')).toBe(0)
    const hookA = JSON.parse(a.out[0])
    expect(hookA).toMatchObject({ entity: 'webhook', url: 'http://localhost:3000/hook', events: ['*'], active: true, owner_id: merchantId.slice(4) })
    expect(hookA.secret_exists).toBeUndefined()

    const b = await run('webhooks', 'add', '--url', 'http://127.0.0.1:4000/rzp', '--secret', 's3cret', '--events', 'payment.captured, order.paid', '--merchant', merchantId, '--db', db)
    expect(b.code, b.err.join('\n')).toBe(0)
    expect(b.out[0]).toMatch(new RegExp(`^[0-9A-Za-z]{14}  ${merchantId}  http://127.0.0.1:4000/rzp  \\[payment.captured, order.paid\\]  active  \\(signed\\)$`))
    const hookB = b.out[0].split('  ')[0]

    const list = await run('webhooks', 'list', '--db', db, '--json')
    expect(JSON.parse(list.out[0]).map((w: any) => w.id)).toEqual([hookB, hookA.id])
    const text = await run('webhooks', 'list', '--db', db)
    expect(text.out).toHaveLength(2)

    const rm = await run('webhooks', 'rm', hookA.id, '--db', db)
    expect(rm).toMatchObject({ code: 0, out: [`Deleted webhook ${hookA.id}.`] })
    expect(JSON.parse((await run('webhooks', 'list', '--db', db, '--json')).out[0]).map((w: any) => w.id)).toEqual([hookB])
  })

  it('reports bad input with the API\'s own words and exit code 1', async () => {
    const bad = await run('webhooks', 'add', '--url', 'http://localhost:3000/hook', '--events', 'payment.nope', '--db', db)
    expect(bad).toMatchObject({ code: 1, err: ['tijori: Invalid event name/names: payment.nope'] })
    expect((await run('webhooks', 'add', '--url', 'ftp://x', '--db', db)).err).toEqual(['tijori: The url is not a valid URL.'])
    expect((await run('webhooks', 'rm', 'ZZZZZZZZZZZZZZ', '--db', db)).err).toEqual(['tijori: No webhook ZZZZZZZZZZZZZZ.'])
    await run('merchant', 'create', '--db', db)
    const ambiguous = await run('webhooks', 'add', '--url', 'http://localhost:3000/hook', '--db', db)
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.err[0]).toMatch(/2 merchants: choose one with --merchant/)
  })
})

describe('tijori listen', () => {
  let s: TestServer
  let handler: Sink
  beforeAll(async () => {
    s = await startTestServer()
    handler = await startSink()
  })
  afterEach(() => {
    handler.received.length = 0
  })
  afterAll(async () => {
    await handler.close()
    await s.close()
  })

  it('registers a webhook, forwards each delivery with its body and signature, prints a line, and cleans up', async () => {
    const m = await s.newMerchant()
    const lines: string[] = []
    const l = await listen({ forwardTo: handler.url, serverUrl: s.url, keyId: m.keyId, keySecret: m.keySecret, out: (x) => lines.push(x) })
    handler.secret = l.secret
    const hooks = (await m.http('GET', '/v1/webhooks')).body.items
    expect(hooks).toEqual([expect.objectContaining({ id: l.webhookId, url: l.receiverUrl, events: ['*'], secret_exists: true })])
    expect(lines[0]).toContain(`Forwarding webhooks to ${handler.url}`)

    await capturedPayment(m)
    await advance(m, 1)
    expect(handler.received.map((r) => r.body.event)).toEqual(['payment.authorized', 'payment.captured', 'order.paid'])
    expect(handler.received.every((r) => r.signatureValid === true)).toBe(true)
    expect(handler.received.every((r) => r.headers['user-agent'] === 'Razorpay-Webhook/v1')).toBe(true)
    const deliveryLines = lines.filter((x) => x.includes('evt_'))
    expect(deliveryLines).toHaveLength(3)
    for (const [i, r] of handler.received.entries()) {
      expect(deliveryLines[i]).toContain(r.body.event)
      expect(deliveryLines[i]).toContain(String(r.headers['x-razorpay-event-id']))
      expect(deliveryLines[i]).toContain('→ 200')
    }

    // the handler's failure goes back to Tijori, which retries
    handler.failNext(1)
    const log = (await m.http('GET', '/_sandbox/webhook_deliveries?count=1')).body.items[0]
    await m.http('POST', `/_sandbox/events/${log.event_id}/redeliver`)
    await advance(m, 60)
    expect(lines.filter((x) => x.includes('→ 500'))).toHaveLength(1)
    expect(handler.received.slice(-2).map((r) => r.answered)).toEqual([500, 200])

    await l.close()
    expect((await m.http('GET', '/v1/webhooks')).body.items).toEqual([])
  })

  it('fails clearly on a wrong key pair', async () => {
    await expect(listen({ forwardTo: handler.url, serverUrl: s.url, keyId: 'rzp_test_nope00000000', keySecret: 'x', out: () => undefined })).rejects.toThrow(
      /401: The api key provided is invalid/,
    )
  })
})
