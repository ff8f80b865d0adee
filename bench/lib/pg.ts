/**
 * PostgreSQL for `--db postgres`: a fresh database for each server the benchmark starts (dropped at
 * the end, and also when the benchmark dies or is interrupted), the processes that serve those
 * databases (so their CPU is not taken for outside noise), and pgbench as the reference load.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'

/** pgbench processes still running: killed when the benchmark exits (before its databases are dropped). */
const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL')
})

export interface PgAdmin {
  /** CREATE DATABASE with a name unique to this run; returns the database's URL. */
  create: (tag: string) => Promise<string>
  /** Runs SQL on one database (a URL from create). */
  exec: (url: string, sql: string) => Promise<pg.QueryResult>
  /**
   * Pids of the backends connected to this run's databases, plus PostgreSQL's background processes
   * (WAL writer, checkpointer, …: they do work for every commit). Other databases' backends — other
   * people's tests on the shared server — stay in "other".
   */
  pids: () => Promise<number[]>
  /** Transactions committed and rolled back in one database so far (pg_stat_database; flushed when backends go idle or exit). */
  xacts: (url: string) => Promise<{ commits: number; rollbacks: number }>
  /** pg_stat_database's commit and rollback counts of every database this run created, by name. */
  summary: () => Promise<{ name: string; commits: number; rollbacks: number }[]>
  /** Drops every database this run created (synchronous, so that it also works in an exit handler). */
  dropAll: () => void
  close: () => Promise<void>
}

export function pgAdmin(adminUrl: string): PgAdmin {
  const created: string[] = []
  let client: pg.Client | null = null
  const admin = async () => {
    if (!client) {
      client = new pg.Client({ connectionString: adminUrl })
      client.on('error', () => undefined) // the server going away is reported by the next query
      await client.connect()
    }
    return client
  }
  const urlOf = (name: string) => {
    const u = new URL(adminUrl)
    u.pathname = `/${name}`
    return u.toString()
  }
  const dropAll = () => {
    for (const name of created.splice(0)) {
      try {
        // WITH (FORCE) (PostgreSQL 13+) ends connections a killed server may have left behind.
        execFileSync('psql', [adminUrl, '-qAtc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], { stdio: ['ignore', 'ignore', 'pipe'] })
      } catch (err) {
        console.error(`could not drop the benchmark database ${name}: ${(err as Error).message.split('\n')[0]}`)
      }
    }
  }
  process.on('exit', dropAll)
  return {
    async create(tag) {
      const name = `tijori_bench_${process.pid}_${tag.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${created.length + 1}`
      await (await admin()).query(`CREATE DATABASE "${name}"`)
      created.push(name)
      return urlOf(name)
    },
    async exec(url, sql) {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        return await c.query(sql)
      } finally {
        await c.end()
      }
    },
    async pids() {
      const r = await (await admin()).query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE (datname = ANY($1) OR datname IS NULL) AND pid <> pg_backend_pid()',
        [created],
      )
      return r.rows.map((x) => x.pid)
    },
    async xacts(url) {
      const name = decodeURIComponent(new URL(url).pathname.slice(1))
      const r = await (await admin()).query<{ c: string; r: string }>('SELECT xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = $1', [name])
      return { commits: Number(r.rows[0]?.c ?? NaN), rollbacks: Number(r.rows[0]?.r ?? NaN) }
    },
    async summary() {
      if (created.length === 0) return []
      const r = await (await admin()).query<{ name: string; c: string; r: string }>(
        'SELECT datname AS name, xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = ANY($1) ORDER BY datname',
        [created],
      )
      return r.rows.map((x) => ({ name: x.name, commits: Number(x.c), rollbacks: Number(x.r) }))
    },
    dropAll,
    async close() {
      const c = client
      client = null
      await c?.end().catch(() => undefined)
    },
  }
}

export interface PgbenchResult {
  pid: number
  /** pgbench's "tps = … (without initial connection time)". */
  tps: number
  transactions: number
  failed: number
  latencyAvgMs: number
  output: string
}

/**
 * Runs `pgbench -n -c <clients> -j <threads> -T <seconds> -M prepared -f <script>` on `url`.
 * With `logDir`, every transaction's latency is logged there (--log; read it with pgbenchLatencies).
 */
export function pgbench(
  url: string,
  o: { script: string; clients: number; threads: number; seconds: number; logDir?: string },
  onSpawn?: (pid: number) => void,
): Promise<PgbenchResult> {
  const u = new URL(url)
  const args = ['-n', '-c', String(o.clients), '-j', String(o.threads), '-T', String(o.seconds), '-M', 'prepared', '-f', o.script]
  args.push('-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'))
  if (o.logDir) args.push('--log', `--log-prefix=${join(o.logDir, 'pgbench_log')}`)
  args.push(decodeURIComponent(u.pathname.slice(1)))
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) }
  return new Promise((resolve, reject) => {
    const proc = spawn('pgbench', args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(proc)
    onSpawn?.(proc.pid as number)
    let out = ''
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()))
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()))
    proc.once('error', reject)
    proc.once('exit', (code) => {
      running.delete(proc)
      const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN)
      const tps = num(/tps = ([\d.]+) \(without initial connection time\)/)
      if (code !== 0 || !Number.isFinite(tps)) return reject(new Error(`pgbench ${args.join(' ')} exited with ${code}:\n${out}`))
      resolve({
        pid: proc.pid as number,
        tps,
        transactions: num(/number of transactions actually processed: (\d+)/),
        failed: num(/number of failed transactions: (\d+)/) || 0,
        latencyAvgMs: num(/latency average = ([\d.]+) ms/),
        output: out,
      })
    })
  })
}

/** Latencies from pgbench's per-transaction logs (3rd field, µs), sorted, in ms; the logs are deleted. */
export function pgbenchLatencies(dir: string): Float64Array {
  const values: number[] = []
  for (const f of readdirSync(dir).filter((n) => n.startsWith('pgbench_log'))) {
    const path = join(dir, f)
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2])
      if (line && Number.isFinite(us)) values.push(us / 1000)
    }
    rmSync(path, { force: true })
  }
  return Float64Array.from(values).sort()
}
