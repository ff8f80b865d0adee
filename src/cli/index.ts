/**
 * The `tijori` command line: serve, merchant create|list, key rotate.
 * Every command reads TIJORI_DB (default ./data/tijori.db) unless --db is given.
 */
import { Command } from 'commander'
import { systemClock } from '../clock/clock.js'
import { loadConfig } from '../config.js'
import { createMerchant, listMerchants, rotateKey } from '../domain/merchants/service.js'
import { startServer } from '../server.js'
import { openStore } from '../store/open.js'
import type { Store } from '../store/store.js'

async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(db ?? loadConfig().db)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command()
  program.name('tijori').description('Self-hosted, Razorpay-compatible payments server (sandbox)')

  program
    .command('serve')
    .description('Serve the API (HOST, PORT, TIJORI_DB, TIJORI_KEY_ID/TIJORI_KEY_SECRET)')
    .option('--host <host>', 'listen address (HOST)')
    .option('--port <port>', 'listen port (PORT)')
    .option('--db <path>', 'SQLite file (TIJORI_DB)')
    .action(async (opts: { host?: string; port?: string; db?: string }) => {
      const config = loadConfig()
      if (opts.host) config.host = opts.host
      if (opts.port) config.port = Number(opts.port)
      if (opts.db) config.db = opts.db
      const running = await startServer(config)
      const shutdown = (signal: string) => {
        running.app.log.info({ signal }, 'shutting down')
        running.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(err)
            process.exit(1)
          },
        )
      }
      process.once('SIGTERM', () => shutdown('SIGTERM'))
      process.once('SIGINT', () => shutdown('SIGINT'))
    })

  const merchant = program.command('merchant').description('Manage merchants')
  merchant
    .command('create')
    .description('Create a merchant with a new test key pair and print it')
    .option('--name <name>', 'display name', 'Test Merchant')
    .option('--email <email>', 'contact email')
    .option('--key-id <id>', 'use this key id (rzp_test_…) instead of a generated one')
    .option('--key-secret <secret>', 'use this key secret (with --key-id)')
    .option('--db <path>', 'SQLite file (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; email?: string; keyId?: string; keySecret?: string; db?: string; json?: boolean }) => {
      if (Boolean(opts.keyId) !== Boolean(opts.keySecret)) throw new Error('--key-id and --key-secret go together')
      const { merchant: m, key } = await withStore(opts.db, (store) =>
        createMerchant(store, systemClock, {
          name: opts.name,
          email: opts.email ?? null,
          key: opts.keyId && opts.keySecret ? { keyId: opts.keyId, keySecret: opts.keySecret } : undefined,
        }),
      )
      if (opts.json) console.log(JSON.stringify({ merchant_id: m.id, key_id: key.keyId, key_secret: key.keySecret }))
      else console.log(`merchant_id: ${m.id}\nkey_id:      ${key.keyId}\nkey_secret:  ${key.keySecret}`)
    })
  merchant
    .command('list')
    .description('List merchants and their active key ids')
    .option('--db <path>', 'SQLite file (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const list = await withStore(opts.db, (store) => listMerchants(store))
      if (opts.json) return console.log(JSON.stringify(list))
      for (const m of list) console.log(`${m.id}  ${m.name}  ${m.key_ids.join(', ')}`)
    })

  program
    .command('key')
    .description('Manage API keys')
    .command('rotate')
    .description("Issue a new key pair for a merchant and revoke its old keys")
    .requiredOption('--merchant <id>', 'merchant id (acc_…)')
    .option('--db <path>', 'SQLite file (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { merchant: string; db?: string; json?: boolean }) => {
      const key = await withStore(opts.db, (store) => rotateKey(store, systemClock, opts.merchant))
      if (opts.json) console.log(JSON.stringify({ key_id: key.keyId, key_secret: key.keySecret }))
      else console.log(`key_id:     ${key.keyId}\nkey_secret: ${key.keySecret}`)
    })

  try {
    await program.parseAsync(argv)
  } catch (err) {
    console.error(`tijori: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  }
}
