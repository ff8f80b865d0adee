/** Chooses the adapter from TIJORI_DB: a file path (embedded SQLite) or a postgres:// URL. */
import { openPostgres } from './postgres/open.js'
import { openSqlite } from './sqlite/open.js'
import type { Store } from './store.js'

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location)
}

export interface OpenOptions {
  /** PostgreSQL: apply pending migrations on open (default true). SQLite always migrates. */
  migrate?: boolean
}

export async function openStore(location: string, opts: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) return openPostgres({ url: location, migrate: opts.migrate })
  return openSqlite({ file: location })
}
