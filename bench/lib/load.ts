/**
 * Load generation with autocannon's programmatic API: a warm-up run whose numbers are dropped, then
 * a measured run. Latency percentiles are computed here from autocannon's per-response `response`
 * events (fractional milliseconds), because autocannon's own histogram records whole milliseconds,
 * which makes p50 read "0" or "1" for this server.
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import { cpuSeconds, cpuTracker, machineBusySeconds, rssSampler } from './proc.js'

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
  /** PostgreSQL processes of this run (its databases' backends and the server's background processes); NaN on SQLite. */
  dbCores: number
  dbCpuUsPerReq: number
  maxRssMiB: number
  hwmMiB: number
  /** Whatever `hooks.end` returned (e.g. counters kept by request callbacks). */
  extra?: unknown
  /** Why this measurement must not be used (e.g. the server died during it). */
  invalid?: string
  /** Raw material for merging rounds (not reported). */
  raw: { latencies: Float64Array; wall: number; serverCpu: number; clientCpu: number; otherCpu: number; dbCpu: number }
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

/** Load that is not measured: warming a server up before its first measured run. */
export async function unmeasured(opts: AcOptions): Promise<void> {
  await runOnce(opts)
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

export interface Parts {
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
  dbCpu: number
  maxRss: number
  hwm: number
}

/** A Measurement from counts gathered elsewhere (autocannon here, or pgbench in run.ts). */
export function summarize(label: string, p: Parts): Measurement {
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
    dbCores: p.dbCpu / p.wall,
    dbCpuUsPerReq: (p.dbCpu * 1e6) / p.requests,
    maxRssMiB: p.maxRss,
    hwmMiB: p.hwm,
    raw: { latencies: sorted, wall: p.wall, serverCpu: p.serverCpu, clientCpu: p.clientCpu, otherCpu: p.otherCpu, dbCpu: p.dbCpu },
  }
}

export interface MeasureHooks {
  /** Runs between the warm-up and the measured run. */
  start?: () => void
  /** Runs after the measured run; its result becomes the measurement's `extra`. */
  end?: () => unknown
  /**
   * Lists the PostgreSQL processes that serve this run (its databases' backends, the server's
   * background processes): their CPU is reported as "db", not as "other" noise.
   */
  dbPids?: () => Promise<number[]>
}

/**
 * Warm up for `warmup` seconds (discarded), then measure for `opts.duration` seconds.
 * Several `opts` (e.g. one per server process) run at the same time and count as one load;
 * `serverPids` are the processes whose CPU and RSS are the server's.
 */
export async function measure(
  label: string,
  opts: AcOptions | AcOptions[],
  warmup: number,
  serverPids: number | number[] = [],
  hooks: MeasureHooks = {},
): Promise<Measurement> {
  const loads = Array.isArray(opts) ? opts : [opts]
  const pids = ([] as number[]).concat(serverPids)
  if (warmup > 0) await Promise.all(loads.map((o) => runOnce({ ...o, duration: warmup })))
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
  const samplers = pids.map((p) => rssSampler(p))
  const cpu0 = pids.reduce((s, p) => s + cpuSeconds(p), 0)
  const db = hooks.dbPids ? await cpuTracker(hooks.dbPids) : null
  const client0 = process.cpuUsage()
  const busy0 = machineBusySeconds()
  const t0 = performance.now()
  const results = await Promise.all(loads.map((o) => runOnce(o, push)))
  const wall = (performance.now() - t0) / 1000
  const extra = hooks.end?.()
  const c = process.cpuUsage(client0)
  const clientCpu = (c.user + c.system) / 1e6
  const busy = machineBusySeconds() - busy0
  const serverCpu = pids.length ? pids.reduce((s, p) => s + cpuSeconds(p), 0) - cpu0 : NaN
  const dbCpu = db ? await db.stop() : NaN
  const mems = samplers.map((s) => s.stop())
  const statusCodes: Record<string, number> = {}
  for (const r of results) for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[k] = (statusCodes[k] ?? 0) + v.count
  const sum = (f: (r: AcResult) => number) => results.reduce((s, r) => s + f(r), 0)
  const m = summarize(label, {
    requests: results.some((r) => r.requests?.total === undefined) ? n : sum((r) => r.requests.total), // completed requests (autocannon's aggregate)
    seconds: Math.max(...results.map((r) => r.duration)),
    latencies: lat.slice(0, n).sort(),
    errors: sum((r) => r.errors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
    statusCodes,
    wall,
    serverCpu,
    clientCpu,
    dbCpu,
    otherCpu: Math.max(0, busy - (Number.isFinite(serverCpu) ? serverCpu : 0) - clientCpu - (Number.isFinite(dbCpu) ? dbCpu : 0)),
    maxRss: mems.length ? Math.max(...mems.map((x) => x.maxRss)) : NaN,
    hwm: mems.length ? Math.max(...mems.map((x) => x.hwm)) : NaN,
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
    dbCpu: sum((m) => m.raw.dbCpu),
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
