/**
 * Reading a crash test's database from the test process, on either adapter (a SQLite file or a
 * postgres:// URL from test/support/test-db.ts), through the same Store and Kysely types as the
 * server. Opened with `migrate: false`: on PostgreSQL that refuses a schema with a migration still
 * pending (SQLite always migrates on open, a no-op on a file the server has already migrated).
 */
import { readdirSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'
import { openStore } from '../../src/store/open.js'
import type { Database } from '../../src/store/schema.js'
import type { Store } from '../../src/store/store.js'

export function openCrashStore(location: string): Promise<Store> {
  return openStore(location, { migrate: false })
}

/** Opens the store, runs `fn` on its Kysely handle, closes it. */
export async function readStore<T>(location: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const store = await openCrashStore(location)
  try {
    return await fn(store.db)
  } finally {
    await store.close()
  }
}

/** `_migrations` as version → how many times it is recorded (both adapters keep the same table). */
export async function migrationCounts(db: Kysely<Database>): Promise<{ version: string; n: number }[]> {
  const rows = await db
    .withTables<{ _migrations: { version: string; applied_at: number } }>()
    .selectFrom('_migrations')
    .select((eb) => ['version', eb.fn.countAll<number>().as('n')])
    .groupBy('version')
    .orderBy('version')
    .execute()
  return rows.map((r) => ({ version: r.version, n: Number(r.n) }))
}

/** The migration files of an adapter (src/store/migrations/<dialect>/NNNN_*.sql), in order. */
export function migrationFiles(dialect: 'sqlite' | 'postgres'): string[] {
  return readdirSync(new URL(`../../src/store/migrations/${dialect}/`, import.meta.url))
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
}

/** SQLite only: `PRAGMA integrity_check` of the file ('ok' when sound). */
export async function sqliteIntegrityCheck(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)
  return rows[0]?.integrity_check ?? '(no answer)'
}
