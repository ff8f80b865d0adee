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
import { afterEach, beforeEach, inject } from 'vitest'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'

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

/**
 * An open store on a fresh location for every test of the calling file (its own beforeEach and
 * afterEach): read `.store` inside a test.
 */
export function storePerTest(): { readonly store: Store } {
  let testDb: TestDb | undefined
  let store: Store | undefined
  beforeEach(async () => {
    testDb = await freshTestDb()
    store = await openStore(testDb.location)
  })
  afterEach(async () => {
    await store?.close()
    await testDb?.drop()
  })
  return {
    get store(): Store {
      if (!store) throw new Error('storePerTest(): read .store inside a test')
      return store
    },
  }
}
