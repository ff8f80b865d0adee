/**
 * Starting and stopping Tijori (issue 2, "Running it"): configuration, the first-start key pair,
 * TIJORI_KEY_ID/TIJORI_KEY_SECRET, GET /health, clean shutdown on SIGTERM/SIGINT, durability
 * across restarts. In-process through startServer, and end to end through `node bin/tijori.mjs serve`.
 */
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../../src/config.js'
import { baseUrl, startServer } from '../../src/server.js'
import { openSqlite } from '../../src/store/sqlite/open.js'
import { printedKey, removeTempDbs, serve, tempDb } from '../support/cli.js'
import { basic } from '../support/envelope.js'
import { sdkError, sdkFor } from '../support/harness.js'

afterAll(removeTempDbs)

/** Child processes are slow on a loaded 2-core machine; give them room. */
const SLOW = 90_000

const config = (over: Partial<Config>): Config => ({ host: '127.0.0.1', port: 0, db: tempDb(), keyId: undefined, keySecret: undefined, logLevel: 'silent', sandbox: true, migrate: true, ...over })

async function start(c: Config) {
  const lines: string[] = []
  const running = await startServer(c, (l) => lines.push(l))
  return { running, lines }
}

describe('loadConfig', () => {
  it('defaults', () => {
    expect(loadConfig({})).toEqual({ host: '127.0.0.1', port: 8080, db: './data/tijori.db', keyId: undefined, keySecret: undefined, logLevel: 'info', sandbox: true, migrate: true })
  })

  it('reads HOST, PORT, TIJORI_DB, the key pair and LOG_LEVEL', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '9000', TIJORI_DB: '/tmp/x.db', TIJORI_KEY_ID: 'rzp_test_a', TIJORI_KEY_SECRET: 's', LOG_LEVEL: 'warn' })).toEqual({
      host: '0.0.0.0',
      port: 9000,
      db: '/tmp/x.db',
      keyId: 'rzp_test_a',
      keySecret: 's',
      logLevel: 'warn',
      sandbox: true,
      migrate: true,
    })
  })

  it('TIJORI_MIGRATE=0 turns migrating on start off (PostgreSQL)', () => {
    expect(loadConfig({ TIJORI_MIGRATE: '0' }).migrate).toBe(false)
    expect(loadConfig({ TIJORI_MIGRATE: 'off' }).migrate).toBe(false)
    expect(loadConfig({ TIJORI_MIGRATE: '1' }).migrate).toBe(true)
  })

  it('PORT=0 means any free port; an empty PORT the default', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0)
    expect(loadConfig({ PORT: '' }).port).toBe(8080)
  })

  it('refuses a PORT that is not 0-65535 in decimal', () => {
    for (const p of ['abc', '-1', '65536', '1e3', '0x50', '80.5', '8080abc']) expect(() => loadConfig({ PORT: p }), p).toThrow(/PORT must be 0-65535/)
  })
})

describe('baseUrl', () => {
  it('brackets IPv6 literals', () => {
    expect(baseUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080')
    expect(baseUrl('::1', 8080)).toBe('http://[::1]:8080')
    expect(baseUrl('localhost', 1)).toBe('http://localhost:1')
  })
})

describe('startServer', { timeout: SLOW }, () => {
  it('a first start on an empty database creates a merchant and prints its working key pair once', async () => {
    const c = config({})
    const first = await start(c)
    let orderId: string
    try {
      expect(first.lines).toHaveLength(4)
      expect(first.lines[0]).toMatch(/^Created merchant acc_[0-9A-Za-z]{14}\. Its test key pair \(shown once\):$/)
      expect(first.lines[3]).toBe(`Tijori listening on ${first.running.url} (database: ${c.db})`)
      expect(first.running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(first.running.url).not.toMatch(/:0$/)
      const key = printedKey(first.lines.join('\n'))
      expect(key).not.toBeNull()
      const order = await sdkFor(first.running.url, key!.keyId, key!.keySecret).orders.create({ amount: 5000, currency: 'INR', receipt: 'survives' })
      orderId = order.id
    } finally {
      await first.running.stop()
    }

    const second = await start(c)
    try {
      expect(second.lines).toEqual([`Tijori listening on ${second.running.url} (database: ${c.db})`])
      const key = printedKey(first.lines.join('\n'))!
      expect((await sdkFor(second.running.url, key.keyId, key.keySecret).orders.fetch(orderId)).receipt).toBe('survives')
    } finally {
      await second.running.stop()
    }
  })

  it('TIJORI_KEY_ID/TIJORI_KEY_SECRET: exactly that pair works; the environment stays the source of truth', async () => {
    const c = config({ keyId: 'rzp_test_EnvKey00000001', keySecret: 'env-secret-one' })
    const first = await start(c)
    try {
      expect(first.lines[0]).toMatch(/^Created merchant acc_[0-9A-Za-z]{14} for key rzp_test_EnvKey00000001$/)
      expect(first.lines.join('\n')).not.toContain('key_secret')
      const list = await sdkFor(first.running.url, c.keyId!, c.keySecret!).orders.all()
      expect(list).toEqual({ entity: 'collection', count: 0, items: [] })
      expect((await sdkError(sdkFor(first.running.url, c.keyId!, 'env-secret-two').orders.all())).statusCode).toBe(401)
    } finally {
      await first.running.stop()
    }

    const again = await start(c)
    await again.running.stop()
    expect(again.lines).toHaveLength(1) // the merchant exists: nothing created, nothing printed

    const changed = await start({ ...c, keySecret: 'env-secret-two' })
    try {
      expect(changed.lines).toHaveLength(1)
      expect((await sdkFor(changed.running.url, c.keyId!, 'env-secret-two').orders.all()).entity).toBe('collection')
      const old = await sdkError(sdkFor(changed.running.url, c.keyId!, 'env-secret-one').orders.all())
      expect(old).toMatchObject({ statusCode: 401, error: { description: 'Authentication failed' } })
    } finally {
      await changed.running.stop()
    }
  })

  it('refuses half a key pair before touching the database', async () => {
    const c = config({ keyId: 'rzp_test_HalfKey0000001' })
    await expect(startServer(c, () => undefined)).rejects.toThrow('Set both TIJORI_KEY_ID and TIJORI_KEY_SECRET, or neither.')
    expect(existsSync(c.db)).toBe(false)
  })

  it('a port in use fails the start, and the database can be used again right after', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    const c = config({ port })
    try {
      await expect(startServer(c, () => undefined)).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await new Promise((r) => blocker.close(r))
    }
    const ok = await start({ ...c, port: 0 })
    await ok.running.stop()
    expect(ok.lines).toHaveLength(1) // the failed start had already created the merchant
  })

  it('GET /health answers 200 {"status":"ok"} without credentials', async () => {
    const { running } = await start(config({}))
    try {
      const res = await fetch(`${running.url}/health`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok' })
    } finally {
      await running.stop()
    }
  })
})

describe.concurrent('tijori serve (end to end)', { timeout: SLOW }, () => {
  it('PORT=0 prints the real URL and a key pair; SIGTERM exits 0; a restart prints no key and keeps the data', async () => {
    const db = tempDb()
    const first = await serve({ TIJORI_DB: db })
    let orderId: string
    let key: { keyId: string; keySecret: string }
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:(\d+)$/)
      expect(first.url).not.toMatch(/:0$/)
      const health = await fetch(`${first.url}/health`)
      expect(health.status).toBe(200)
      expect(await health.text()).toBe('{"status":"ok"}')
      key = printedKey(first.stdout())!
      expect(key).not.toBeNull()
      const order = await sdkFor(first.url, key.keyId, key.keySecret).orders.create({ amount: 5000, currency: 'INR', notes: { kept: 'yes' } })
      orderId = order.id
    } finally {
      expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null })
    }

    const second = await serve({ TIJORI_DB: db })
    try {
      expect(printedKey(second.stdout())).toBeNull()
      expect(second.stdout()).not.toContain('Created merchant')
      const fetched = await sdkFor(second.url, key.keyId, key.keySecret).orders.fetch(orderId)
      expect(fetched.notes).toEqual({ kept: 'yes' })
    } finally {
      expect(await second.stop('SIGINT')).toEqual({ code: 0, signal: null })
    }
  })

  it('with TIJORI_KEY_ID/TIJORI_KEY_SECRET that exact pair authenticates', async () => {
    const env = { TIJORI_DB: tempDb(), TIJORI_KEY_ID: 'rzp_test_ServeEnvKey0001', TIJORI_KEY_SECRET: 'serve-env-secret' }
    const s = await serve(env)
    try {
      expect(printedKey(s.stdout())).toBeNull()
      expect(s.stdout()).toContain('for key rzp_test_ServeEnvKey0001')
      const ok = await fetch(`${s.url}/v1/orders`, { headers: { authorization: basic(env.TIJORI_KEY_ID, env.TIJORI_KEY_SECRET) } })
      expect(ok.status).toBe(200)
      const bad = await fetch(`${s.url}/v1/orders`, { headers: { authorization: basic(env.TIJORI_KEY_ID, 'nope') } })
      expect(bad.status).toBe(401)
    } finally {
      expect(await s.stop()).toEqual({ code: 0, signal: null })
    }
  })

  it('a SIGTERM sent the moment the listening line appears still shuts down cleanly (exit 0)', async () => {
    const s = await serve({ TIJORI_DB: tempDb() })
    expect(await s.stop('SIGTERM')).toEqual({ code: 0, signal: null })
  })

  it('SIGTERM under load: in-flight requests finish, and every acknowledged order is on disk after the exit', async () => {
    const db = tempDb()
    const s = await serve({ TIJORI_DB: db })
    const key = printedKey(s.stdout())!
    const auth = basic(key.keyId, key.keySecret)
    let signalled = false
    let signalledAt = 0
    const create = async (i: number) => {
      try {
        const res = await fetch(`${s.url}/v1/orders`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({ amount: 1000 + i, currency: 'INR', receipt: `load-${i}` }),
        })
        const body = (await res.json()) as { id?: string }
        if (!signalled) {
          signalled = true
          signalledAt = Date.now()
          s.proc.kill('SIGTERM')
        }
        return { status: res.status, id: body.id }
      } catch {
        return { status: 0, id: undefined } // refused after the listener closed
      }
    }
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => create(i)))
    expect(await s.exited).toEqual({ code: 0, signal: null })
    // Promptly: keep-alive connections that were busy when the signal came must not hold the
    // process until their keep-alive timeout (72 s).
    expect(Date.now() - signalledAt).toBeLessThan(8000)
    for (const r of results) expect([0, 200, 503]).toContain(r.status)
    const acknowledged = results.filter((r) => r.status === 200).map((r) => r.id!)
    expect(acknowledged.length).toBeGreaterThan(0)

    // Every acknowledged order is on disk.
    const store = openSqlite({ file: db, checkpoints: 'sqlite' })
    try {
      const stored = new Set((await store.db.selectFrom('orders').select('id').execute()).map((r) => r.id))
      for (const id of acknowledged) expect(stored.has(id), id).toBe(true)
    } finally {
      await store.close()
    }
  })

  it('a bad PORT exits 1 with a message', async () => {
    await expect(serve({ TIJORI_DB: tempDb(), PORT: 'eighty' })).rejects.toThrow(/exited \(1\)[\s\S]*tijori: PORT must be 0-65535/)
  })
})
