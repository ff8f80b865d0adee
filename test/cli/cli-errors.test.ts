/**
 * The CLI's answers to mistakes (found by a CLI audit): a flag where a value belongs, a server that
 * is not there, IPv6 hosts, a bad PORT that a flag overrides, bad listen options, and a listen that
 * cannot remove its webhook. Every one is a one-line message and a non-zero exit.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, printedKey, removeTempDbs, runCli, serve, tempDb } from '../support/cli.js'

afterAll(removeTempDbs)
const SLOW = 90_000

/** A port nothing listens on (fetch refuses some low ports outright, e.g. 1, with "bad port"). */
async function closedPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as { port: number }).port
  await new Promise((r) => srv.close(r))
  return port
}

describe.concurrent('CLI mistakes', { timeout: SLOW }, () => {
  it('a flag where a value belongs is refused, not taken as the value', async () => {
    const listed = await runCli(['merchant', 'list', '--db', '--json'])
    expect(listed.code).toBe(1)
    expect(listed.stderr).toContain("option '--db <path>' argument '--json' is invalid. expected a value, got the option --json.")
    expect(existsSync(join(ROOT, '--json'))).toBe(false) // no database named "--json"
    const db = tempDb()
    const created = await runCli(['merchant', 'create', '--name', '--json', '--db', db])
    expect(created.code).toBe(1)
    expect(created.stderr).toContain("option '--name <name>' argument '--json' is invalid")
    expect(existsSync(db)).toBe(false)
  })

  it('merchant create refuses an empty or multi-line name, an email without @, and a secret of spaces', async () => {
    const db = tempDb()
    for (const [args, message] of [
      [['--name', ''], 'tijori: Merchant name must be one line of text, not empty'],
      [['--name', 'a\nb'], 'tijori: Merchant name must be one line of text, not empty'],
      [['--email', 'notanemail'], 'tijori: Merchant email must look like name@example.com, got "notanemail"'],
      [['--key-id', 'rzp_test_SpacesOnly000001', '--key-secret', '          '], 'tijori: Key secret must be at least 8 characters (not counting spaces)'],
    ] as const) {
      const r = await runCli(['merchant', 'create', '--db', db, ...args])
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr.trim()).toBe(message)
    }
    const ok = await runCli(['merchant', 'create', '--db', db, '--name', 'Acme Ltd', '--email', 'ops@acme.test', '--json'])
    expect(ok.code, ok.stderr).toBe(0)
  })

  it('a server that is not there is named, with the reason; an IPv6 HOST gets brackets', async () => {
    const auth = ['--key-id', 'rzp_test_NobodyHome00001', '--key-secret', 'whatever-secret']
    const port = await closedPort()
    const v4 = await runCli(['clock', 'now', ...auth], { PORT: String(port) })
    expect(v4.code).toBe(1)
    expect(v4.stderr.trim()).toBe(
      `tijori: could not reach the Tijori server at http://127.0.0.1:${port} (ECONNREFUSED). Is it running? Point to it with --url, TIJORI_URL or HOST/PORT.`,
    )
    const noScheme = await runCli(['clock', 'now', ...auth, '--url', 'localhost:8080'])
    expect(noScheme.code).toBe(1)
    expect(noScheme.stderr.trim()).toBe('tijori: --url must be an http:// or https:// URL, got "localhost:8080"')
    const v6 = await runCli(['clock', 'now', ...auth], { HOST: '::1', PORT: String(port) })
    expect(v6.code).toBe(1)
    expect(v6.stderr).toContain(`could not reach the Tijori server at http://[::1]:${port} (`)
  })

  it('--port wins over a bad PORT, and commands without a port ignore PORT', async () => {
    const db = tempDb()
    const s = await serve({ PORT: '8080x', TIJORI_DB: db }, ['--port', '0'])
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      expect((await s.stop()).code).toBe(0)
    }
    const list = await runCli(['webhooks', 'list', '--db', db], { PORT: '8080x' })
    expect(list.code, list.stderr).toBe(0)
  })

  it('listen checks --port and --forward-to itself', async () => {
    const base = ['listen', '--key-id', 'rzp_test_NobodyHome00001', '--key-secret', 'whatever-secret', '--url', 'http://127.0.0.1:1']
    const port = await runCli([...base, '--forward-to', 'http://127.0.0.1:9/hook', '--port', 'abc'])
    expect(port.code).toBe(1)
    expect(port.stderr.trim()).toBe('tijori: --port must be 0-65535, got "abc"')
    for (const to of ['garbage', 'ftp://example.com/hook']) {
      const bad = await runCli([...base, '--forward-to', to])
      expect(bad.code).toBe(1)
      expect(bad.stderr.trim()).toBe(`tijori: --forward-to must be an http:// or https:// URL, got ${JSON.stringify(to)}`)
    }
  })

  it('listen exits 1 and says how to remove its webhook when it cannot (the server went away)', async () => {
    const s = await serve({ TIJORI_DB: tempDb() })
    const key = printedKey(s.stdout())!
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tijori.mjs'), 'listen', '--forward-to', 'http://127.0.0.1:9/hook', '--url', s.url, '--key-id', key.keyId, '--key-secret', key.keySecret], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    for (let i = 0; i < 300 && !out.includes('Press Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 100))
    expect(out).toContain('Press Ctrl-C')
    const id = /webhook (\S+) →/.exec(out)![1]
    await s.stop()
    child.kill('SIGHUP') // closing the terminal, handled like Ctrl-C
    expect(await exited).toBe(1)
    expect(err).toContain(`could not remove webhook ${id}`)
    expect(err).toContain(`remove it with: tijori webhooks rm ${id}`)
  })
})
