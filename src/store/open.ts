/** Chooses the adapter from TIJORI_DB: a file path (embedded SQLite) or postgres:// (reserved). */
import { openSqlite } from './sqlite/open.js'
import type { Store } from './store.js'

export function openStore(location: string): Store {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new Error('The PostgreSQL backend is not built yet; set TIJORI_DB to a file path (embedded SQLite).')
  }
  return openSqlite({ file: location })
}
