/**
 * Runtime configuration from the environment. Every key is documented in README.md.
 *   HOST (127.0.0.1), PORT (8080)          where the API listens
 *   TIJORI_DB (./data/tijori.db)           SQLite file, or postgres://… for PostgreSQL (docs/postgres.md)
 *   TIJORI_MIGRATE (1)                     0/false/off: serve does not migrate PostgreSQL (run `tijori migrate`)
 *   TIJORI_KEY_ID + TIJORI_KEY_SECRET      a merchant with exactly this key pair exists after start
 *   LOG_LEVEL (info)                       pino level; 'silent' turns logs off
 *   TIJORI_SANDBOX (1)                     0/false/off turns the /_sandbox control API off (404)
 */
export interface Config {
  host: string
  port: number
  db: string
  keyId: string | undefined
  keySecret: string | undefined
  logLevel: string
  /** Serve /_sandbox/* (clock, balances, delivery log). Off: those paths answer 404. */
  sandbox: boolean
  /** PostgreSQL: apply pending migrations on start (SQLite always migrates: it is one process). */
  migrate: boolean
}

/** A listen port: an integer 0-65535 written in decimal (0 = any free port). */
export function parsePort(value: string, name = 'PORT'): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be 0-65535, got ${JSON.stringify(value)}`)
  return port
}

/** TIJORI_DB alone (what the merchant and key commands need, whatever PORT says). */
export function dbLocation(env: NodeJS.ProcessEnv = process.env): string {
  return env.TIJORI_DB || './data/tijori.db'
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? parsePort(env.PORT) : 8080
  return {
    host: env.HOST || '127.0.0.1',
    port,
    db: dbLocation(env),
    keyId: env.TIJORI_KEY_ID || undefined,
    keySecret: env.TIJORI_KEY_SECRET || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    sandbox: !/^(0|false|off|no)$/i.test(env.TIJORI_SANDBOX ?? ''),
    migrate: !/^(0|false|off|no)$/i.test(env.TIJORI_MIGRATE ?? ''),
  }
}
