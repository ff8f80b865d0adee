/**
 * Runtime configuration from the environment. Every key is documented in README.md.
 *   HOST (127.0.0.1), PORT (8080)          where the API listens
 *   TIJORI_DB (./data/tijori.db)           SQLite file; postgres:// is reserved for the PostgreSQL backend
 *   TIJORI_KEY_ID + TIJORI_KEY_SECRET      a merchant with exactly this key pair exists after start
 *   LOG_LEVEL (info)                       pino level; 'silent' turns logs off
 */
export interface Config {
  host: string
  port: number
  db: string
  keyId: string | undefined
  keySecret: string | undefined
  logLevel: string
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${env.PORT}`)
  return {
    host: env.HOST || '127.0.0.1',
    port,
    db: env.TIJORI_DB || './data/tijori.db',
    keyId: env.TIJORI_KEY_ID || undefined,
    keySecret: env.TIJORI_KEY_SECRET || undefined,
    logLevel: env.LOG_LEVEL || 'info',
  }
}
