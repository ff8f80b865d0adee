/**
 * Load generation with autocannon's programmatic API: a warm-up run whose numbers are dropped, then
 * a measured run. Latency percentiles are computed here from autocannon's per-response `response`
 * events (fractional milliseconds), because autocannon's own histogram records whole milliseconds,
 * which makes p50 read "0" or "1" for this server.
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import { cpuSeconds, machineBusySeconds, rssSampler } from './proc.js'

export interface AcRequest {
  method?: string
  path?: string
  headers?: Record<string, string>
  body?: string
  setupRequest?: (req: AcRequest, context: Record<string, unknown>) => AcRequest | null | undefined
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
}

export interface AcOptions {
  url: string
  connections: number
  duration: number
  method?: string
  headers?: Record<string, string>
  body?: string
  requests?: AcRequest[]
}

interface AcResult {
  requests: { total: number; sent: number }
  errors: number
  timeouts: number
  non2xx: number
  duration: number
  statusCodeStats: Record<string, { count: number }>
}

interface AcInstance extends PromiseLike<AcResult> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void
}

const autocannon = createRequire(import.meta.url)('autocannon') as (opts: object) => AcInstance

export interface Measurement {
  label: string
  requests: number
  seconds: number
  rps: number
  p50: number
  p90: number
  p99: number
  max: number
  errors: number
  non2xx: number
  statusCodes: Record<string, number>
  /** Server CPU (user+sys, all threads) per request, µs; NaN when the server pid is unknown. */
  serverCpuUsPerReq: number
  /** Server CPU cores used on average during the measured window. */
  serverCores: number
  /** Load-generator (this process) CPU cores used during the measured window. */
  clientCores: number
  /** CPU cores used by everything else on the machine during the window (other processes, steal): noise. */
  otherCores: number
  maxRssMiB: number
  hwmMiB: number
  /** Whatever `hooks.end` returned (e.g. counters kept by request callbacks). */
  extra?: unknown
  /** Why this measurement must not be used (e.g. the server died during it). */
  invalid?: string
  /** Raw material for merging rounds (not reported). */
  raw: { latencies: Float64Array; wall: number; serverCpu: number; clientCpu: number; otherCpu: number }
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

async function runOnce(opts: AcOptions, onLatency?: (ms: number) => void): Promise<AcResult> {
  const inst = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.duration,
    method: opts.method,
    headers: opts.headers,
    body: opts.body,
    requests: opts.requests,
    timeout: 10,
  })
  if (onLatency) inst.on('response', (_c, _s, _b, ms) => onLatency(ms))
  return await inst
}

function summarize(
  label: string,
  parts: {
    requests: number
    seconds: number
    latencies: Float64Array
    errors: number
    non2xx: number
    statusCodes: Record<string, number>
    wall: number
    serverCpu: number
    clientCpu: number
    otherCpu: number
    maxRss: number
    hwm: number
  },
): Measurement {
  const p = parts
  const sorted = p.latencies
  return {
    label,
    requests: p.requests,
    seconds: p.seconds,
    rps: p.requests / p.seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    errors: p.errors,
    non2xx: p.non2xx,
    statusCodes: p.statusCodes,
    serverCpuUsPerReq: (p.serverCpu * 1e6) / p.requests,
    serverCores: p.serverCpu / p.wall,
    clientCores: p.clientCpu / p.wall,
    otherCores: p.otherCpu / p.wall,
    maxRssMiB: p.maxRss,
    hwmMiB: p.hwm,
    raw: { latencies: sorted, wall: p.wall, serverCpu: p.serverCpu, clientCpu: p.clientCpu, otherCpu: p.otherCpu },
  }
}

/**
 * Warm up for `warmup` seconds (discarded), then measure for `opts.duration` seconds.
 * `hooks.start` runs between the two, `hooks.end` after the measured run (its result is `extra`).
 */
export async function measure(
  label: string,
  opts: AcOptions,
  warmup: number,
  serverPid?: number,
  hooks: { start?: () => void; end?: () => unknown } = {},
): Promise<Measurement> {
  if (warmup > 0) await runOnce({ ...opts, duration: warmup })
  hooks.start?.()
  let lat = new Float64Array(1 << 18)
  let n = 0
  const push = (ms: number) => {
    if (n === lat.length) {
      const bigger = new Float64Array(lat.length * 2)
      bigger.set(lat)
      lat = bigger
    }
    lat[n++] = ms
  }
  const sampler = serverPid ? rssSampler(serverPid) : null
  const cpu0 = serverPid ? cpuSeconds(serverPid) : NaN
  const client0 = process.cpuUsage()
  const busy0 = machineBusySeconds()
  const t0 = performance.now()
  const r = await runOnce(opts, push)
  const wall = (performance.now() - t0) / 1000
  const extra = hooks.end?.()
  const c = process.cpuUsage(client0)
  const clientCpu = (c.user + c.system) / 1e6
  const busy = machineBusySeconds() - busy0
  const serverCpu = serverPid ? cpuSeconds(serverPid) - cpu0 : NaN
  const mem = sampler?.stop() ?? { maxRss: NaN, hwm: NaN }
  const statusCodes: Record<string, number> = {}
  for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[k] = v.count
  const m = summarize(label, {
    requests: r.requests?.total ?? n, // completed requests (autocannon's aggregate)
    seconds: r.duration,
    latencies: lat.slice(0, n).sort(),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
    wall,
    serverCpu,
    clientCpu,
    otherCpu: Math.max(0, busy - (Number.isFinite(serverCpu) ? serverCpu : 0) - clientCpu),
    maxRss: mem.maxRss,
    hwm: mem.hwm,
  })
  m.extra = extra
  return m
}

/** Pools several measurements of the same thing (rounds) into one. */
export function merge(label: string, all: Measurement[]): Measurement {
  const ms = all.filter((m) => !m.invalid)
  if (ms.length === 0) return { ...all[0], label }
  if (ms.length === 1) return { ...ms[0], label }
  const total = ms.reduce((s, m) => s + m.raw.latencies.length, 0)
  const lat = new Float64Array(total)
  let off = 0
  for (const m of ms) {
    lat.set(m.raw.latencies, off)
    off += m.raw.latencies.length
  }
  const statusCodes: Record<string, number> = {}
  for (const m of ms) for (const [k, v] of Object.entries(m.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v
  const sum = (f: (m: Measurement) => number) => ms.reduce((s, m) => s + f(m), 0)
  return summarize(label, {
    requests: sum((m) => m.requests),
    seconds: sum((m) => m.seconds),
    latencies: lat.sort(),
    errors: sum((m) => m.errors),
    non2xx: sum((m) => m.non2xx),
    statusCodes,
    wall: sum((m) => m.raw.wall),
    serverCpu: sum((m) => m.raw.serverCpu),
    clientCpu: sum((m) => m.raw.clientCpu),
    otherCpu: sum((m) => m.raw.otherCpu),
    maxRss: Math.max(...ms.map((m) => m.maxRssMiB)),
    hwm: Math.max(...ms.map((m) => m.hwmMiB)),
  })
}

/** A minimal keep-alive JSON client for setup steps (not used for measured load). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
export function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      base + path,
      {
        method,
        agent,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          let parsed: unknown = text
          try {
            parsed = JSON.parse(text)
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}
