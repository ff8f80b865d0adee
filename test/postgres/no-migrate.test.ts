/**
 * PostgreSQL only (SQLite always migrates: one process owns the file): `serve --no-migrate` and
 * TIJORI_MIGRATE=0 refuse to start on a database with pending migrations and say what to run.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { freshTestDb, type TestDb } from '../support/test-db.js'

const dbs: TestDb[] = []
afterAll(async () => {
  for (const d of dbs.splice(0)) await d.drop()
})

describe('serve without migrating (PostgreSQL)', { timeout: 90_000 }, () => {
  it('refuses an empty database with --no-migrate or TIJORI_MIGRATE=0, and changes nothing', async () => {
    const db = await freshTestDb()
    dbs.push(db)
    for (const run of [
      () => runCli(['serve', '--no-migrate', '--port', '0'], { TIJORI_DB: db.location }),
      () => runCli(['serve', '--port', '0'], { TIJORI_DB: db.location, TIJORI_MIGRATE: '0' }),
    ]) {
      const r = await run()
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/the database needs migrations \(0001_init\.sql, .*\); run `tijori migrate` first/)
    }
    const migrated = await runCli(['migrate', '--db', db.location])
    expect(migrated.stdout).toMatch(/^Applied 0001_init\.sql/) // nothing had been applied before
  })
})
