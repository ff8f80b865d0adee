/**
 * The `tijori` command line: serve, merchant create|list, key rotate.
 * Every command reads TIJORI_DB (default ./data/tijori.db) unless --db is given.
 */
import { readFileSync } from 'node:fs'
import { Command, InvalidArgumentError } from 'commander'
import { dbLocation, loadConfig, parsePort } from '../config.js'
import type { Running } from '../server.js'
import type { Store } from '../store/store.js'
import { registerWebhookCommands } from './webhooks.js'
import { registerBalanceCommands } from './balance.js'
import { registerClockCommands } from './clock.js'

// Each command imports what it needs when it runs: `merchant list` or `--version` should not pay for
// loading the whole HTTP app (every CLI call goes through tsx, so imports are the start-up cost).

async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/open.js')
  const store = await openStore(db ?? dbLocation())
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

const merchants = () => import('../domain/merchants/service.js')
const clock = async () => (await import('../clock/clock.js')).systemClock

export async function main(argv: string[]): Promise<void> {
  const program = new Command()
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  program.name('tijori').description('Self-hosted, Razorpay-compatible payments server (sandbox)').version(version)

  program
    .command('serve')
    .description('Serve the API (HOST, PORT, TIJORI_DB, TIJORI_KEY_ID/TIJORI_KEY_SECRET)')
    .option('--host <host>', 'listen address (HOST)')
    .option('--port <port>', 'listen port (PORT)')
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .option('--no-sandbox', 'turn the /_sandbox control API off (TIJORI_SANDBOX=0)')
    .option('--no-migrate', 'PostgreSQL: do not apply pending migrations on start (TIJORI_MIGRATE=0)')
    .action(async (opts: { host?: string; port?: string; db?: string; sandbox: boolean; migrate: boolean }) => {
      // --port wins over PORT, so a bad PORT in the environment does not matter when --port is given.
      const config = loadConfig(opts.port === undefined ? process.env : { ...process.env, PORT: undefined })
      if (opts.sandbox === false) config.sandbox = false
      if (opts.migrate === false) config.migrate = false
      if (opts.host) config.host = opts.host
      if (opts.port !== undefined) config.port = parsePort(opts.port, '--port')
      if (opts.db) config.db = opts.db
      // The handlers go in before the server announces itself: a supervisor (or a test) that sends
      // SIGTERM as soon as it reads "listening" must get a clean shutdown and exit 0, not Node's
      // default kill. A repeated signal (Ctrl-C under `npm start` arrives from the terminal and
      // again from npm) does not interrupt a shutdown already under way.
      let running: Running | null = null
      let signalled: string | null = null
      const finish = (r: Running, signal: string) => {
        r.app.log.info({ signal }, 'shutting down')
        r.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(err)
            process.exit(1)
          },
        )
      }
      const onSignal = (signal: string) => {
        if (signalled) return
        signalled = signal
        if (running) finish(running, signal)
      }
      const onTerm = () => onSignal('SIGTERM')
      const onInt = () => onSignal('SIGINT')
      process.on('SIGTERM', onTerm)
      process.on('SIGINT', onInt)
      try {
        const { startServer } = await import('../server.js')
        running = await startServer(config)
      } catch (err) {
        process.off('SIGTERM', onTerm)
        process.off('SIGINT', onInt)
        throw err
      }
      if (signalled) finish(running, signalled) // a signal arrived while starting
    })

  const merchant = program.command('merchant').description('Manage merchants')
  merchant
    .command('create')
    .description('Create a merchant with a new test key pair and print it')
    .option('--name <name>', 'display name', 'Test Merchant')
    .option('--email <email>', 'contact email')
    .option('--key-id <id>', 'use this key id (rzp_test_…) instead of a generated one')
    .option('--key-secret <secret>', 'use this key secret (with --key-id)')
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; email?: string; keyId?: string; keySecret?: string; db?: string; json?: boolean }) => {
      if (Boolean(opts.keyId) !== Boolean(opts.keySecret)) throw new Error('--key-id and --key-secret go together')
      const { createMerchant } = await merchants()
      const systemClock = await clock()
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
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { listMerchants } = await merchants()
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
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { merchant: string; db?: string; json?: boolean }) => {
      const { rotateKey } = await merchants()
      const systemClock = await clock()
      const key = await withStore(opts.db, (store) => rotateKey(store, systemClock, opts.merchant))
      if (opts.json) console.log(JSON.stringify({ key_id: key.keyId, key_secret: key.keySecret }))
      else console.log(`key_id:     ${key.keyId}\nkey_secret: ${key.keySecret}`)
    })

  program
    .command('migrate')
    .description('Apply pending database migrations and exit (serve does this on start unless --no-migrate)')
    .option('--db <path>', 'SQLite file or postgres:// URL (TIJORI_DB)')
    .action(async (opts: { db?: string }) => {
      const { migrateLocation } = await import('../store/migrate.js')
      const applied = await migrateLocation(opts.db ?? dbLocation())
      console.log(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.join(', ')}`)
    })

  registerBalanceCommands(program)
  registerClockCommands(program)

  registerWebhookCommands(program)
  refuseFlagsAsValues(program)

  try {
    await program.parseAsync(argv)
  } catch (err) {
    console.error(`tijori: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  }
}

/**
 * `--db --json` must not open a database named "--json": commander takes the next word as a
 * required option's value even when it is another flag. No option of ours takes a value that
 * starts with "--", so such a value means the real one is missing.
 */
function refuseFlagsAsValues(cmd: Command): void {
  for (const opt of cmd.options) {
    if (!opt.required) continue
    const parse = opt.parseArg
    opt.argParser((value: string, previous: unknown) => {
      if (value.startsWith('--')) throw new InvalidArgumentError(`expected a value, got the option ${value}.`)
      return parse ? parse(value, previous) : value
    })
  }
  for (const sub of cmd.commands) refuseFlagsAsValues(sub)
}
