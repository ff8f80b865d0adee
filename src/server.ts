/**
 * Starts a Tijori server: open the store, make sure the configured merchant exists (or create the
 * first one and print its keys once), build the app, listen, and shut down cleanly on SIGTERM/SIGINT
 * (stop accepting, finish in-flight requests, flush the last group commit, close the database).
 */
import type { FastifyInstance } from 'fastify'
import { systemClock } from './clock/clock.js'
import { buildApp } from './app.js'
import type { Deps } from './http/context.js'
import type { Config } from './config.js'
import { createLogger } from './log.js'
import { createMerchant, ensureMerchantWithKey } from './domain/merchants/service.js'
import { merchantStore } from './domain/merchants/store.js'
import { isPostgresUrl, openStore } from './store/open.js'
import type { Store } from './store/store.js'

export interface Running {
  app: FastifyInstance
  store: Store
  url: string
  stop: () => Promise<void>
}

/** How long a shutdown waits for in-flight requests before closing their connections. */
export const SHUTDOWN_GRACE_MS = 10_000

/** A postgres:// URL as it may be printed: the password replaced by ***. File paths pass as they are. */
export function redactPassword(location: string): string {
  if (!isPostgresUrl(location)) return location
  try {
    const u = new URL(location)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

/** The base URL for a listen address (IPv6 literals need brackets). */
export function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

export async function startServer(config: Config, out: (line: string) => void = console.log): Promise<Running> {
  if (Boolean(config.keyId) !== Boolean(config.keySecret)) throw new Error('Set both TIJORI_KEY_ID and TIJORI_KEY_SECRET, or neither.')
  const log = createLogger(config.logLevel)
  const store = await openStore(config.db, { migrate: config.migrate })
  const clock = systemClock
  let app: FastifyInstance | null = null
  let deps: Deps | null = null
  try {
    if (config.keyId && config.keySecret) {
      const r = await ensureMerchantWithKey(store, clock, { keyId: config.keyId, keySecret: config.keySecret })
      if (r.created) out(`Created merchant ${r.merchantId} for key ${config.keyId}`)
    } else if ((await merchantStore.list(store.db)).length === 0) {
      const { merchant, key } = await createMerchant(store, clock, { name: 'Test Merchant' })
      out(`Created merchant ${merchant.id}. Its test key pair (shown once):`)
      out(`  key_id:     ${key.keyId}`)
      out(`  key_secret: ${key.keySecret}`)
    }
    const built = buildApp({ store, log, sandbox: config.sandbox })
    app = built.app
    deps = built.deps
    await app.listen({ host: config.host, port: config.port })
    deps.runner.start() // scheduled jobs and webhook deliveries, on real time
  } catch (err) {
    // A failed start (port in use, bad key) must not leave the database open or a worker running.
    await app?.close().catch(() => undefined)
    await store.close().catch(() => undefined)
    throw err
  }
  const running = app
  const addr = running.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : config.port
  const url = baseUrl(config.host, port)
  let stopping: Promise<void> | null = null
  const stop = () =>
    (stopping ??= (async () => {
      // app.close() stops accepting and waits for in-flight requests, but Node closes only the
      // connections idle at that moment: a keep-alive connection whose request was in flight
      // would then hold the process until keepAliveTimeout (72 s). Close each one as soon as it
      // goes idle, and give requests that never finish a bounded grace period.
      const sweep = setInterval(() => running.server.closeIdleConnections(), 25)
      const deadline = setTimeout(() => running.server.closeAllConnections(), SHUTDOWN_GRACE_MS)
      try {
        await running.close()
      } finally {
        clearInterval(sweep)
        clearTimeout(deadline)
      }
      await deps?.runner.stop()
      await store.close()
    })())
  out(`Tijori listening on ${url} (database: ${redactPassword(config.db)})`)
  return { app: running, store, url, stop }
}
