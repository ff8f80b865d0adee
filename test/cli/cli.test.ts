/**
 * The `tijori` CLI as a user runs it: `node bin/tijori.mjs merchant create|list`, `key rotate`,
 * each against TIJORI_DB (or --db).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { listMerchants } from '../../src/domain/merchants/service.js'
import { startServer } from '../../src/server.js'
import { openSqlite } from '../../src/store/sqlite/open.js'
import { ROOT, removeTempDbs, runCli, tempDb } from '../support/cli.js'
import { basic } from '../support/envelope.js'

afterAll(removeTempDbs)

const KEY_ID = /^rzp_test_[0-9A-Za-z]{14}$/
const SECRET = /^[0-9A-Za-z]{24}$/
const MERCHANT = /^acc_[0-9A-Za-z]{14}$/
/** Child processes are slow on a loaded 2-core machine; give them room. */
const SLOW = 90_000

async function merchantsIn(db: string) {
  const store = openSqlite({ file: db, checkpoints: 'sqlite' })
  try {
    return await listMerchants(store)
  } finally {
    await store.close()
  }
}

describe.concurrent('merchant create / list', { timeout: SLOW }, () => {
  it('merchant create --json prints a new merchant and key pair', async () => {
    const db = tempDb()
    const r = await runCli(['merchant', 'create', '--json'], { TIJORI_DB: db })
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, string>
    expect(Object.keys(out).sort()).toEqual(['key_id', 'key_secret', 'merchant_id'])
    expect(out.merchant_id).toMatch(MERCHANT)
    expect(out.key_id).toMatch(KEY_ID)
    expect(out.key_secret).toMatch(SECRET)

    const list = await runCli(['merchant', 'list', '--json'], { TIJORI_DB: db })
    expect(list.code, list.stderr).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual([
      { id: out.merchant_id, name: 'Test Merchant', email: null, created_at: expect.any(Number), key_ids: [out.key_id] },
    ])
  })

  it('--name, --email, --key-id/--key-secret and --db are honoured; the human output lists them', async () => {
    const db = tempDb()
    const r = await runCli(['merchant', 'create', '--name', 'Acme', '--email', 'ops@acme.test', '--key-id', 'rzp_test_AcmeKey0000001', '--key-secret', 'acme-secret-123', '--db', db, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ key_id: 'rzp_test_AcmeKey0000001', key_secret: 'acme-secret-123' })
    const second = await runCli(['merchant', 'create'], { TIJORI_DB: db })
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toMatch(/^merchant_id: acc_\w{14}\nkey_id:\s+rzp_test_\w{14}\nkey_secret:\s+\w{24}\n$/)

    const list = JSON.parse((await runCli(['merchant', 'list', '--json', '--db', db])).stdout) as { name: string; email: string | null; key_ids: string[] }[]
    expect(list).toHaveLength(2)
    expect(list[0]).toMatchObject({ name: 'Acme', email: 'ops@acme.test', key_ids: ['rzp_test_AcmeKey0000001'] })
    const human = await runCli(['merchant', 'list'], { TIJORI_DB: db })
    expect(human.stdout.trim().split('\n')).toHaveLength(2)
    expect(human.stdout).toContain('Acme  rzp_test_AcmeKey0000001')
  })

  it('refuses bad input with exit code 1 and a message', async () => {
    const db = tempDb()
    const half = await runCli(['merchant', 'create', '--key-id', 'rzp_test_OnlyTheId00001'], { TIJORI_DB: db })
    expect(half.code).toBe(1)
    expect(half.stderr).toContain('tijori: --key-id and --key-secret go together')
    const badId = await runCli(['merchant', 'create', '--key-id', 'not-a-key', '--key-secret', 'long-enough-secret'], { TIJORI_DB: db })
    expect(badId.code).toBe(1)
    expect(badId.stderr).toContain('tijori: Key id must look like rzp_test_')
    expect((await runCli(['merchant', 'create', '--key-id', 'rzp_test_Duplicate00001', '--key-secret', 'first-secret'], { TIJORI_DB: db })).code).toBe(0)
    const dup = await runCli(['merchant', 'create', '--key-id', 'rzp_test_Duplicate00001', '--key-secret', 'second-secret'], { TIJORI_DB: db })
    expect(dup.code).toBe(1)
    expect(dup.stderr).toContain('already exists')
    // Nothing half-written: one merchant, with the first key.
    expect((await merchantsIn(db)).map((m) => m.key_ids)).toEqual([['rzp_test_Duplicate00001']])
  })

  it('unknown commands fail; --version prints the package version', async () => {
    const unknown = await runCli(['frobnicate'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain("unknown command 'frobnicate'")
    const version = await runCli(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version)
  })
})

describe.concurrent('key rotate', { timeout: SLOW }, () => {
  it('issues a new pair, revokes the old one, and a running server stops accepting the old key within the 5 s cache TTL', async () => {
    const db = tempDb()
    const created = JSON.parse((await runCli(['merchant', 'create', '--json'], { TIJORI_DB: db })).stdout) as { merchant_id: string; key_id: string; key_secret: string }
    const running = await startServer({ host: '127.0.0.1', port: 0, db, keyId: undefined, keySecret: undefined, logLevel: 'silent', sandbox: true, migrate: true }, () => undefined)
    try {
      const get = (keyId: string, secret: string) => fetch(`${running.url}/v1/orders`, { headers: { authorization: basic(keyId, secret) } })
      expect((await get(created.key_id, created.key_secret)).status).toBe(200) // now cached by the server

      const r = await runCli(['key', 'rotate', '--merchant', created.merchant_id, '--json'], { TIJORI_DB: db })
      expect(r.code, r.stderr).toBe(0)
      const fresh = JSON.parse(r.stdout) as { key_id: string; key_secret: string }
      expect(Object.keys(fresh).sort()).toEqual(['key_id', 'key_secret'])
      expect(fresh.key_id).toMatch(KEY_ID)
      expect(fresh.key_id).not.toBe(created.key_id)
      const rotatedAt = Date.now()

      expect((await get(fresh.key_id, fresh.key_secret)).status).toBe(200) // at once
      let refused: Response | null = null
      while (Date.now() - rotatedAt < 8000) {
        const res = await get(created.key_id, created.key_secret)
        if (res.status !== 200) {
          refused = res
          break
        }
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(refused, 'the old key still worked 8 s after rotation').not.toBeNull()
      expect(Date.now() - rotatedAt).toBeLessThan(6500)
      expect(refused!.status).toBe(401)
      expect(((await refused!.json()) as { error: { description: string } }).error.description).toBe('The api key provided is invalid')

      expect((await merchantsIn(db)).map((m) => m.key_ids)).toEqual([[fresh.key_id]])
    } finally {
      await running.stop()
    }
  })

  it('an unknown merchant is an error', async () => {
    const r = await runCli(['key', 'rotate', '--merchant', 'acc_00000000000000'], { TIJORI_DB: tempDb() })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('tijori: No merchant acc_00000000000000')
  })
})
