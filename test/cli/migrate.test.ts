/**
 * `tijori migrate` on both adapters (this file runs in the sqlite and the postgres project): it
 * applies every migration once, then reports the database up to date; `serve` on the migrated
 * database starts without applying anything again.
 */
import { readdirSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, serve } from '../support/cli.js'
import { freshTestDb, testDialect, type TestDb } from '../support/test-db.js'

const dbs: TestDb[] = []
afterAll(async () => {
  for (const d of dbs.splice(0)) await d.drop()
})

const files = readdirSync(new URL('../../src/store/migrations/sqlite/', import.meta.url)).filter((f) => f.endsWith('.sql')).sort()

describe(`tijori migrate (${testDialect()})`, { timeout: 90_000 }, () => {
  it('applies every migration once, then reports the database up to date; serve then starts on it', async () => {
    const db = await freshTestDb()
    dbs.push(db)
    const first = await runCli(['migrate', '--db', db.location])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout.trim()).toBe(`Applied ${files.join(', ')}`)
    const again = await runCli(['migrate', '--db', db.location])
    expect(again.code).toBe(0)
    expect(again.stdout.trim()).toBe('The database is up to date.')
    // --no-migrate: fine on a migrated database.
    const s = await serve({ TIJORI_DB: db.location }, ['--no-migrate'])
    try {
      const health = await fetch(`${s.url}/health`)
      expect(await health.json()).toEqual({ status: 'ok' })
    } finally {
      expect((await s.stop()).code).toBe(0)
    }
  })
})
