/**
 * Where a test's server keeps its data. By default a fresh SQLite file in a temp folder. In the
 * `postgres` vitest project (vitest.config.ts) every store is a fresh schema in the run's own
 * database (created by test/support/pg-global-setup.ts), reached through a postgres:// URL whose
 * `options` set the search_path — so child processes (`serve`) can be handed the same location.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL database (postgres project only). */
    pgUrl: string
  }
}

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TIJORI_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite'
}

export interface TestDb {
  /** TIJORI_DB value: a file path or a postgres:// URL. */
  location: string
  /** Removes the data (after the store is closed). */
  drop: () => Promise<void>
}

let admin: pg.Pool | null = null

function adminPool(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: inject('pgUrl'), max: 2 })
  return admin
}

/** A location no other test uses. */
export async function freshTestDb(): Promise<TestDb> {
  if (testDialect() === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`
    await adminPool().query(`CREATE SCHEMA ${schema}`)
    const u = new URL(inject('pgUrl'))
    u.searchParams.set('options', `-c search_path=${schema}`)
    return {
      location: u.toString(),
      drop: async () => {
        await adminPool().query(`DROP SCHEMA ${schema} CASCADE`)
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'tijori-test-'))
  return {
    location: join(dir, 'tijori.db'),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}
