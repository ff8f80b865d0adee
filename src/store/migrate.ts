/** `tijori migrate`: applies pending migrations to a SQLite file or a PostgreSQL database. */
import BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { isPostgresUrl } from './open.js'
import { migratePostgres } from './postgres/migrate.js'
import { createPool } from './postgres/pool.js'
import { migrateSqlite } from './sqlite/migrate.js'

export async function migrateLocation(location: string): Promise<string[]> {
  if (isPostgresUrl(location)) {
    const pool = createPool(location)
    try {
      return await migratePostgres(pool)
    } finally {
      await pool.end()
    }
  }
  mkdirSync(dirname(location), { recursive: true })
  const raw = new BetterSqlite3(location)
  try {
    raw.pragma('journal_mode = WAL')
    return migrateSqlite(raw)
  } finally {
    raw.close()
  }
}
