/** `tijori clock now|advance` against a running server, and duration parsing. */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDuration } from '../../src/cli/clock.js'
import { startTestServer, type TestServer } from '../support/harness.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/tijori.mjs', ...args], {
      env: { ...process.env, TIJORI_URL: s.url, TIJORI_KEY_ID: s.merchant.keyId, TIJORI_KEY_SECRET: s.merchant.keySecret },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('parseDuration', () => {
  it.each([
    ['45', 45],
    ['45s', 45],
    ['90m', 5400],
    ['2h', 7200],
    ['3d', 259200],
    ['1w', 604800],
    ['1d12h', 129600],
  ])('%s → %i seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds))
  it.each(['', '3x', 'd3', '1.5h', '3d!'])('refuses %j', (text) => expect(() => parseDuration(text)).toThrow())
})

describe('tijori clock', { timeout: 60_000 }, () => {
  it('advances the merchant clock on the running server and prints the new time', async () => {
    const before = (await s.merchant.http('GET', '/_sandbox/clock')).body.now as number
    const r = await cli(['clock', 'advance', '3d', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const now = JSON.parse(r.stdout).now as number
    expect(now - before).toBeGreaterThanOrEqual(3 * 86400)
    expect(now - before).toBeLessThan(3 * 86400 + 30)
    const shown = await cli(['clock', 'now', '--json'])
    expect(JSON.parse(shown.stdout).now).toBeGreaterThanOrEqual(now)
  })

  it('fails clearly with a wrong key', async () => {
    const r = await cli(['clock', 'now', '--key-secret', 'wrongsecret'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Authentication failed')
  })
})

describe('TIJORI_SANDBOX', () => {
  it('turns the sandbox API off for 0/false/off and leaves it on otherwise', async () => {
    const { loadConfig } = await import('../../src/config.js')
    for (const v of ['0', 'false', 'off', 'OFF']) expect(loadConfig({ TIJORI_SANDBOX: v }).sandbox).toBe(false)
    for (const v of [undefined, '1', 'true']) expect(loadConfig({ TIJORI_SANDBOX: v }).sandbox).toBe(true)
  })
})

describe('unknown sandbox paths while the sandbox is on', () => {
  // A 404 (the /_sandbox API is Tijori's own), without the "turned off" text (docs/api.md §13).
  it('answer 404 "The requested URL was not found on the server."', async () => {
    const res = await s.merchant.http('GET', '/_sandbox/nope')
    expect(res.status).toBe(404)
    expect(res.body.error.description).toBe('The requested URL was not found on the server.')
  })
})
