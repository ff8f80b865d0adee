/**
 * Applies the numbered SQL files in migrations/sqlite/ in order, each in its own transaction,
 * recording them in _migrations. The PostgreSQL adapter keeps the same numbers and names.
 */
import { readdirSync, readFileSync } from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'

const DIR = new URL('../migrations/sqlite/', import.meta.url)

export function migrateSqlite(raw: BetterSqlite3.Database): string[] {
  raw.exec('CREATE TABLE IF NOT EXISTS _migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)')
  const done = new Set(
    (raw.prepare('SELECT version FROM _migrations').all() as { version: string }[]).map((r) => r.version),
  )
  const files = readdirSync(DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort()
  const applied: string[] = []
  for (const file of files) {
    if (done.has(file)) continue
    const sqlText = readFileSync(new URL(file, DIR), 'utf8')
    raw.transaction(() => {
      raw.exec(sqlText)
      raw.prepare('INSERT INTO _migrations (version, applied_at) VALUES (?, ?)').run(file, Math.floor(Date.now() / 1000))
    }).immediate()
    applied.push(file)
  }
  return applied
}
