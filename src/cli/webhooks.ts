/**
 * Webhook commands of the `tijori` CLI:
 *   tijori webhooks add --url <url> [--secret s] [--events a,b] [--merchant acc_…] [--alert-email e] [--json]
 *   tijori webhooks list [--merchant acc_…] [--json]
 *   tijori webhooks rm <id>
 *   tijori listen --forward-to http://localhost:3000/hook [--url http://127.0.0.1:8080] [--key-id --key-secret] [--events a,b] [--secret s]
 * add/list/rm work on TIJORI_DB (or --db) directly through the domain service, so they work with or
 * without a running server (a running server sees the change at once). listen talks to a running
 * server over HTTP with the merchant's key pair.
 */
import type { Command } from 'commander'
import { MerchantClock } from '../clock/merchant-clock.js'
import { dbLocation, parsePort } from '../config.js'
import { listMerchants } from '../domain/merchants/service.js'
import { webhookToWire, type WebhookWire } from '../domain/webhooks/entity.js'
import { createWebhook, deleteWebhook, listWebhooks } from '../domain/webhooks/service.js'
import { webhookOwner } from '../domain/webhooks/store.js'
import { ApiError } from '../http/errors.js'
import { openStore } from '../store/open.js'
import type { Store } from '../store/store.js'
import { listen } from './listen.js'
import { httpUrl, serverUrl } from './server.js'

async function withStore<T>(db: string | undefined, fn: (store: Store, clock: MerchantClock) => Promise<T>): Promise<T> {
  const store = await openStore(db ?? dbLocation())
  try {
    const clock = new MerchantClock(store)
    await clock.refresh() // created_at on the merchant's (possibly advanced) clock
    return await fn(store, clock)
  } catch (err) {
    // Validation failures read as the API's own error text, not a stack trace.
    if (err instanceof ApiError) throw new Error(err.body.description)
    throw err
  } finally {
    await store.close()
  }
}

/** --merchant, or the only merchant in the database. */
async function merchantFor(store: Store, given: string | undefined): Promise<string> {
  const merchants = await listMerchants(store)
  if (given) {
    if (!merchants.some((m) => m.id === given)) throw new Error(`No merchant ${given} in this database.`)
    return given
  }
  if (merchants.length === 1) return merchants[0].id
  if (merchants.length === 0) throw new Error('There is no merchant yet: run `tijori merchant create` (or start the server once).')
  throw new Error(`This database has ${merchants.length} merchants: choose one with --merchant acc_….`)
}

const splitList = (v: string | undefined): string[] | undefined =>
  v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean)

function printHook(w: WebhookWire, merchantId: string): string {
  const state = w.active ? 'active' : `disabled${w.disabled_at ? ` since ${new Date(w.disabled_at * 1000).toISOString()}` : ''}`
  return `${w.id}  ${merchantId}  ${w.url}  [${w.events.join(', ')}]  ${state}${w.secret_exists ? '  (signed)' : ''}`
}

export function registerWebhookCommands(program: Command): void {
  const webhooks = program.command('webhooks').description('Manage webhook endpoints (on TIJORI_DB)')

  webhooks
    .command('add')
    .description('Add a webhook endpoint')
    .requiredOption('--url <url>', 'where deliveries are POSTed (localhost is fine)')
    .option('--secret <secret>', 'signing secret (X-Razorpay-Signature)')
    .option('--events <names>', 'comma-separated event names, or * for all', '*')
    .option('--alert-email <email>', 'alert email')
    .option('--merchant <id>', 'merchant id (acc_…); optional when the database has one merchant')
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { url: string; secret?: string; events: string; alertEmail?: string; merchant?: string; db?: string; json?: boolean }) => {
      const { wire, merchantId } = await withStore(opts.db, async (store, clock) => {
        const merchantId = await merchantFor(store, opts.merchant)
        const row = await createWebhook({ store, clock }, merchantId, {
          url: opts.url,
          secret: opts.secret,
          events: splitList(opts.events),
          alert_email: opts.alertEmail,
        })
        return { wire: webhookToWire(row), merchantId }
      })
      console.log(opts.json ? JSON.stringify(wire) : printHook(wire, merchantId))
    })

  webhooks
    .command('list')
    .description('List webhook endpoints')
    .option('--merchant <id>', 'only this merchant (acc_…)')
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { merchant?: string; db?: string; json?: boolean }) => {
      const rows = await withStore(opts.db, (store) =>
        listWebhooks(store.db, opts.merchant ?? null, { count: 1_000_000, skip: 0, from: null, to: null }),
      )
      if (opts.json) return console.log(JSON.stringify(rows.map(webhookToWire)))
      if (rows.length === 0) return console.log('No webhooks.')
      for (const r of rows) console.log(printHook(webhookToWire(r), r.merchant_id))
    })

  webhooks
    .command('rm')
    .description('Delete a webhook endpoint')
    .argument('<id>', 'webhook id')
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .action(async (id: string, opts: { db?: string }) => {
      await withStore(opts.db, async (store, clock) => {
        const merchantId = await webhookOwner(store.db, id)
        if (!merchantId) throw new Error(`No webhook ${id}.`)
        await deleteWebhook({ store, clock }, merchantId, id)
      })
      console.log(`Deleted webhook ${id}.`)
    })

  program
    .command('listen')
    .description('Forward a running server\'s webhooks to a local URL, printing each delivery')
    .requiredOption('--forward-to <url>', 'your handler, e.g. http://localhost:3000/hook')
    .option('--url <url>', 'the Tijori server (TIJORI_URL, else http://HOST:PORT)')
    .option('--key-id <id>', 'API key id (TIJORI_KEY_ID)')
    .option('--key-secret <secret>', 'API key secret (TIJORI_KEY_SECRET)')
    .option('--events <names>', 'comma-separated event names (default: all)')
    .option('--secret <secret>', 'webhook signing secret (default: a random one, printed)')
    .option('--port <port>', 'local receiver port (default: any free port)')
    .action(async (opts: { forwardTo: string; url?: string; keyId?: string; keySecret?: string; events?: string; secret?: string; port?: string }) => {
      const keyId = opts.keyId ?? process.env.TIJORI_KEY_ID
      const keySecret = opts.keySecret ?? process.env.TIJORI_KEY_SECRET
      if (!keyId || !keySecret) throw new Error('Give the merchant\'s key pair: --key-id and --key-secret (or TIJORI_KEY_ID/TIJORI_KEY_SECRET).')
      const port = opts.port === undefined ? undefined : parsePort(opts.port, '--port')
      const l = await listen({
        forwardTo: httpUrl(opts.forwardTo, '--forward-to'),
        serverUrl: serverUrl(opts.url),
        keyId,
        keySecret,
        events: splitList(opts.events),
        secret: opts.secret,
        port,
      })
      // SIGHUP too: closing the terminal must not leave the temporary webhook behind.
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
      const removed = await new Promise<boolean>((resolve) => {
        const stop = () => {
          for (const s of signals) process.off(s, stop)
          console.log(`Removing webhook ${l.webhookId}…`)
          l.close().then(
            () => resolve(true),
            (err: unknown) => {
              console.error(`tijori: could not remove webhook ${l.webhookId}: ${err instanceof Error ? err.message : String(err)}`)
              console.error(`tijori: it stays registered; remove it with: tijori webhooks rm ${l.webhookId}`)
              resolve(false)
            },
          )
        }
        for (const s of signals) process.on(s, stop)
      })
      process.exit(removed ? 0 : 1) // exit now: idle keep-alive sockets would hold the process for a few seconds more
    })
}
