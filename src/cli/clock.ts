/**
 * `tijori clock now` and `tijori clock advance <duration>`: the sandbox clock API from the shell.
 * Advancing must happen inside the running server (it owns the scheduler that runs the work falling
 * due, in order), so these commands call POST /_sandbox/clock on it with the merchant's key pair.
 */
import type { Command } from 'commander'
import { reach, serverUrl } from './server.js'

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

/** "3d" → 259200, "90m" → 5400, "1h30m" → 5400, "45" → 45 seconds. */
export function parseDuration(text: string): number {
  const t = text.trim()
  if (/^\d+$/.test(t)) return Number(t)
  const parts = [...t.matchAll(/(\d+)\s*([smhdw])/gi)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t.replace(/\s+/g, ''))
    throw new Error(`Cannot read the duration ${JSON.stringify(text)}: use e.g. 45s, 90m, 2h, 3d, 1w or 1d12h`)
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2].toLowerCase()], 0)
}

interface ClockOpts {
  url?: string
  keyId?: string
  keySecret?: string
  json?: boolean
}

function target(opts: ClockOpts): { url: string; auth: string } {
  const url = serverUrl(opts.url)
  const keyId = opts.keyId ?? process.env.TIJORI_KEY_ID
  const keySecret = opts.keySecret ?? process.env.TIJORI_KEY_SECRET
  if (!keyId || !keySecret) throw new Error('Give the merchant key pair: --key-id and --key-secret (or TIJORI_KEY_ID / TIJORI_KEY_SECRET)')
  return { url, auth: 'Basic ' + Buffer.from(`${keyId}:${keySecret}`).toString('base64') }
}

async function call(opts: ClockOpts, method: 'GET' | 'POST', body?: unknown): Promise<{ now: number }> {
  const { url, auth } = target(opts)
  const res = await reach(`${url}/_sandbox/clock`, {
    method,
    headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = (await res.json().catch(() => ({}))) as { now?: number; error?: { description?: string } }
  if (!res.ok || typeof json.now !== 'number') throw new Error(json.error?.description ?? `server answered ${res.status}`)
  return { now: json.now }
}

function print(opts: ClockOpts, now: number): void {
  if (opts.json) console.log(JSON.stringify({ now }))
  else console.log(`now: ${now} (${new Date(now * 1000).toISOString()})`)
}

export function registerClockCommands(program: Command): void {
  const clock = program.command('clock').description("A merchant's sandbox clock on a running server")
  const common = (c: Command) =>
    c
      .option('--url <url>', 'the server (TIJORI_URL, else http://HOST:PORT)')
      .option('--key-id <id>', 'the merchant key id (TIJORI_KEY_ID)')
      .option('--key-secret <secret>', 'the merchant key secret (TIJORI_KEY_SECRET)')
      .option('--json', 'print JSON')
  common(clock.command('now').description("Print the merchant's current time")).action(async (opts: ClockOpts) => {
    print(opts, (await call(opts, 'GET')).now)
  })
  common(
    clock
      .command('advance <duration>')
      .description('Move the clock forward (45s, 90m, 2h, 3d, 1w, 1d12h) and run everything that falls due, in order'),
  ).action(async (duration: string, opts: ClockOpts) => {
    print(opts, (await call(opts, 'POST', { advance_by: parseDuration(duration) })).now)
  })
}
