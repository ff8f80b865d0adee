/**
 * Applies migrations/postgres/NNNN_*.sql in order, each in its own transaction, recorded in
 * _migrations — the same numbers and names as the SQLite files. Several processes starting at once
 * on one database serialize on an advisory lock, so each file runs exactly once.
 */
import { readdirSync, readFileSync } from 'node:fs'
import type pg from 'pg'

const DIR = new URL('../migrations/postgres/', import.meta.url)
/** Any fixed 64-bit number; it names the "migrating" lock for every Tijori process. */
const MIGRATION_LOCK = 0x7469_6a6f

export async function migratePostgres(pool: pg.Pool, now: () => number = () => Math.floor(Date.now() / 1000)): Promise<string[]> {
  const client = await pool.connect()
  const applied: string[] = []
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await client.query('CREATE TABLE IF NOT EXISTS _migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)')
      const done = new Set((await client.query<{ version: string }>('SELECT version FROM _migrations')).rows.map((r) => r.version))
      const files = readdirSync(DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort()
      for (const file of files) {
        if (done.has(file)) continue
        const sqlText = readFileSync(new URL(file, DIR), 'utf8')
        await client.query('BEGIN')
        try {
          await client.query(sqlText)
          await client.query('INSERT INTO _migrations (version, applied_at) VALUES ($1, $2)', [file, now()])
          await client.query('COMMIT')
        } catch (err) {
          await client.query('ROLLBACK')
          throw new Error(`migration ${file} failed: ${(err as Error).message}`)
        }
        applied.push(file)
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  } finally {
    client.release()
  }
  return applied
}

/** Migration files not yet applied (for `serve --no-migrate`, which refuses to run on an old schema). */
export async function pendingPostgres(pool: pg.Pool): Promise<string[]> {
  const files = readdirSync(DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort()
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('_migrations')::text AS t")
  if (!exists.rows[0]?.t) return files
  const done = new Set((await pool.query<{ version: string }>('SELECT version FROM _migrations')).rows.map((r) => r.version))
  return files.filter((f) => !done.has(f))
}
