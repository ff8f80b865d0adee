/**
 * Child processes for the benchmark: the real Tijori server (`node bin/tijori.mjs serve`) and the
 * bare Fastify reference server, each on 127.0.0.1 with an OS-chosen port. Every child is tracked
 * and killed when the benchmark exits, however it exits.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const KEY_ID = 'rzp_test_BenchKey000001'
export const KEY_SECRET = 'bench_secret_0123456789'
export const AUTH = 'Basic ' + Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')

const children = new Set<ChildProcess>()

function killAll(): void {
  for (const c of children) {
    try {
      c.kill('SIGKILL')
    } catch {
      /* already gone */
    }
  }
  children.clear()
}
process.on('exit', killAll)
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    killAll()
    process.exit(130)
  })
}

export interface Server {
  name: string
  url: string
  pid: number
  proc: ChildProcess
  output: () => string
  /** Set once the process has exited (by itself, or killed by someone else mid-run). */
  exit: () => { code: number | null; signal: string | null } | null
  stop: () => Promise<{ code: number | null; signal: string | null; ms: number }>
  /** Starts the same command again (same database) and points this object at the new process. */
  revive: () => Promise<void>
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000): Promise<Server> {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(proc)
  let out = ''
  let exitInfo: { code: number | null; signal: string | null } | null = null
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      children.delete(proc)
      exitInfo = { code, signal }
      resolve({ code, signal })
    }),
  )
  return new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`${name} did not become ready in ${timeoutMs} ms. Output:\n${out}`))
    }, timeoutMs)
    const onData = (d: Buffer) => {
      out += d.toString()
      if (out.length > 100_000) out = out.slice(-50_000)
      const m = ready.exec(out)
      if (m) {
        clearTimeout(timer)
        proc.stdout?.off('data', onData)
        proc.stdout?.on('data', (d2: Buffer) => (out = (out + d2.toString()).slice(-50_000)))
        const server: Server = {
          name,
          url: m[1],
          pid: proc.pid as number,
          proc,
          output: () => out,
          exit: () => exitInfo,
          stop: async () => {
            const t0 = performance.now()
            if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM')
            const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000)
            const r = await exited
            clearTimeout(kill)
            return { ...r, ms: performance.now() - t0 }
          },
          revive: async () => {
            const fresh = await startChild(name, args, env, ready, timeoutMs)
            Object.assign(server, { ...fresh, revive: server.revive })
          },
        }
        resolve(server)
      }
    }
    proc.stdout?.on('data', onData)
    proc.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-50_000)))
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited early (code ${code}, signal ${signal}). Output:\n${out}`))
    })
  })
}

// LOG_LEVEL=warn: nothing is logged per request, but a 500's cause is (serverErrors() reads it back).
const serverEnv = (db: string) => ({ HOST: '127.0.0.1', PORT: '0', TIJORI_DB: db, TIJORI_KEY_ID: KEY_ID, TIJORI_KEY_SECRET: KEY_SECRET, LOG_LEVEL: 'warn' })

/** The distinct error messages a server has logged (pino JSON lines at warn or above), with counts. */
export function serverErrors(s: Server): Map<string, number> {
  const out = new Map<string, number>()
  for (const line of s.output().split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const e = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string; code?: string } }
      if ((e.level ?? 0) < 40) continue
      const what = `${e.msg ?? ''}: ${e.err?.type ?? ''} ${e.err?.code ? `[${e.err.code}] ` : ''}${e.err?.message ?? ''}`.slice(0, 300)
      out.set(what, (out.get(what) ?? 0) + 1)
    } catch {
      /* a partial line at the start of the kept output */
    }
  }
  return out
}

/**
 * The real server: `node [nodeArgs] <entry> serve`. `nodeArgs` lets a run add e.g. --cpu-prof;
 * `entry` (default bin/tijori.mjs) lets it measure another build of the same CLI. `db` is a SQLite
 * file or a postgres:// URL.
 */
export function startTijori(db: string, nodeArgs: string[] = [], entry = 'bin/tijori.mjs'): Promise<Server> {
  return startChild('tijori', [...nodeArgs, entry, 'serve'], serverEnv(db), /Tijori listening on (http:\/\/127\.0\.0\.1:\d+)/)
}

/**
 * bench/outbox-server.ts: the real app and store, built as `serve` builds them, with (`events`) or
 * without an order.created outbox event written in each order's transaction (issue 8's benchmark);
 * `deliver: false` leaves its job runner (and so the webhook dispatcher) stopped.
 */
export function startOutbox(db: string, events: boolean, nodeArgs: string[] = [], deliver = true): Promise<Server> {
  return startChild(
    'tijori',
    [...nodeArgs, '--import', 'tsx', 'bench/outbox-server.ts'],
    { ...serverEnv(db), BENCH_ORDER_EVENTS: events ? '1' : '0', BENCH_RUNNER: deliver ? '1' : '0' },
    /outbox-server listening on (http:\/\/127\.0\.0\.1:\d+)/,
  )
}

export function startBare(): Promise<Server> {
  return startChild('bare', ['--import', 'tsx', 'bench/bare-server.ts'], { HOST: '127.0.0.1', PORT: '0' }, /bare listening on (http:\/\/127\.0\.0\.1:\d+)/)
}

/** Runs a node script to completion and returns its stdout (stderr is passed through). */
export function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    children.add(proc)
    let out = ''
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      process.stdout.write(d)
    })
    proc.once('exit', (code) => {
      children.delete(proc)
      if (code === 0) resolve(out)
      else reject(new Error(`node ${args.join(' ')} exited with ${code}`))
    })
  })
}

/** VmRSS (and its anonymous / file-backed parts) and VmHWM of a process in MiB, from /proc/<pid>/status. */
export function memory(pid: number): { rss: number; hwm: number; anon: number; file: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN)
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024, anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 + kb('RssShmem') / 1024 }
  } catch {
    return null
  }
}

let clkTck = 0
/** User + system CPU seconds of a process (all threads), from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  if (!clkTck) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    } catch {
      clkTck = 100
    }
  }
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ') // fields from #3 (state) on
    return (Number(fields[11]) + Number(fields[12])) / clkTck // utime (#14) + stime (#15)
  } catch {
    return NaN
  }
}

/** User + system CPU seconds of this process's children that have exited and been reaped (cutime + cstime). */
export function reapedChildrenCpuSeconds(): number {
  if (!clkTck) cpuSeconds(process.pid)
  try {
    const s = readFileSync('/proc/self/stat', 'utf8')
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[13]) + Number(fields[14])) / clkTck // cutime (#16) + cstime (#17)
  } catch {
    return NaN
  }
}

/**
 * CPU seconds used from now until stop() by a changing set of processes, e.g. database backends
 * that connect and disconnect during a run. The set is listed again every `everyMs`: a process first
 * seen later counts from zero, and one that has exited counts what it had used when last seen (so
 * up to `everyMs` of its CPU is missed).
 */
export async function cpuTracker(list: () => Promise<number[]>, everyMs = 250): Promise<{ stop: () => Promise<number> }> {
  const base = new Map<number, number>()
  const last = new Map<number, number>()
  const read = (pid: number) => {
    const c = cpuSeconds(pid)
    if (Number.isFinite(c)) last.set(pid, c)
  }
  for (const pid of await list()) {
    read(pid)
    if (last.has(pid)) base.set(pid, last.get(pid) as number)
  }
  let polling = Promise.resolve()
  const poll = async () => {
    for (const pid of await list()) if (!base.has(pid)) base.set(pid, 0)
    for (const pid of base.keys()) read(pid)
  }
  const timer = setInterval(() => (polling = polling.then(poll).catch(() => undefined)), everyMs)
  return {
    stop: async () => {
      clearInterval(timer)
      await polling
      await poll().catch(() => undefined)
      let sum = 0
      for (const [pid, b] of base) sum += (last.get(pid) ?? b) - b
      return sum
    },
  }
}

/** Samples VmRSS every `everyMs` until stopped; returns the maximum seen. */
export function rssSampler(pid: number, everyMs = 200): { stop: () => { maxRss: number; hwm: number } } {
  let max = memory(pid)?.rss ?? NaN
  const t = setInterval(() => {
    const m = memory(pid)
    if (m && !(m.rss <= max)) max = m.rss
  }, everyMs)
  return {
    stop: () => {
      clearInterval(t)
      const m = memory(pid)
      if (m && !(m.rss <= max)) max = m.rss
      return { maxRss: max, hwm: m?.hwm ?? NaN }
    },
  }
}

/** Busy CPU seconds of the whole machine (all processes), from /proc/stat. */
export function machineBusySeconds(): number {
  if (!clkTck) cpuSeconds(process.pid)
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] // cpu user nice system idle iowait irq softirq steal ...
    const f = line.trim().split(/\s+/).slice(1).map(Number)
    return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / clkTck
  } catch {
    return NaN
  }
}
