/**
 * Starts a Tijori server: open the store, make sure the configured merchant exists (or create the
 * first one and print its keys once), build the app, listen, and shut down cleanly on SIGTERM/SIGINT
 * (stop accepting, finish in-flight requests, flush the last group commit, close the database).
 */
import type { FastifyInstance } from 'fastify'
import { systemClock } from './clock/clock.js'
import { buildApp } from './app.js'
import type { Config } from './config.js'
import { createLogger } from './log.js'
import { createMerchant, ensureMerchantWithKey } from './domain/merchants/service.js'
import { merchantStore } from './domain/merchants/store.js'
import { openStore } from './store/open.js'
import type { Store } from './store/store.js'

export interface Running {
  app: FastifyInstance
  store: Store
  url: string
  stop: () => Promise<void>
}

export async function startServer(config: Config, out: (line: string) => void = console.log): Promise<Running> {
  const log = createLogger(config.logLevel)
  const store = openStore(config.db)
  const clock = systemClock
  if (config.keyId && config.keySecret) {
    const r = await ensureMerchantWithKey(store, clock, { keyId: config.keyId, keySecret: config.keySecret })
    if (r.created) out(`Created merchant ${r.merchantId} for key ${config.keyId}`)
  } else if (config.keyId || config.keySecret) {
    throw new Error('Set both TIJORI_KEY_ID and TIJORI_KEY_SECRET, or neither.')
  } else if ((await merchantStore.list(store.db)).length === 0) {
    const { merchant, key } = await createMerchant(store, clock, { name: 'Test Merchant' })
    out(`Created merchant ${merchant.id}. Its test key pair (shown once):`)
    out(`  key_id:     ${key.keyId}`)
    out(`  key_secret: ${key.keySecret}`)
  }
  const { app } = buildApp({ store, clock, log })
  await app.listen({ host: config.host, port: config.port })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : config.port
  const url = `http://${config.host}:${port}`
  out(`Tijori listening on ${url} (database: ${config.db})`)
  let stopping: Promise<void> | null = null
  const stop = () =>
    (stopping ??= (async () => {
      await app.close() // waits for in-flight requests
      await store.close()
    })())
  return { app, store, url, stop }
}
