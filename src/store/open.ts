/**
 * Chooses the adapter from TIJORI_DB: a file path (embedded SQLite) or a postgres:// URL.
 * TIJORI_SQLITE_CHECKPOINTS=inline|worker picks who checkpoints SQLite's WAL (sqlite/checkpointer.ts);
 * TIJORI_SQLITE_CACHE_MIB sizes SQLite's page cache (sqlite/open.ts).
 */
import { CHECKPOINT_MODES, type CheckpointMode } from './sqlite/checkpointer.js'
import { DEFAULT_CACHE_MIB, openSqlite } from './sqlite/open.js'
import type { Store } from './store.js'

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location)
}

export interface OpenOptions {
  /** PostgreSQL: apply pending migrations on open (default true). SQLite always migrates. */
  migrate?: boolean
}

export function checkpointMode(value: string | undefined): CheckpointMode {
  if (value === undefined || value === '') return 'inline'
  if ((CHECKPOINT_MODES as readonly string[]).includes(value)) return value as CheckpointMode
  throw new Error(`TIJORI_SQLITE_CHECKPOINTS must be ${CHECKPOINT_MODES.join(' or ')}, got ${JSON.stringify(value)}`)
}

export function cacheMiB(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_CACHE_MIB
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1 || n > 65536) throw new Error(`TIJORI_SQLITE_CACHE_MIB must be a whole number of MiB from 1 to 65536, got ${JSON.stringify(value)}`)
  return n
}

export async function openStore(location: string, opts: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    // Loaded only when asked for: the pg driver and the adapter are ~1.5 MiB of heap an embedded
    // server does not need.
    const { openPostgres } = await import('./postgres/open.js')
    return openPostgres({ url: location, migrate: opts.migrate })
  }
  return openSqlite({
    file: location,
    checkpoints: checkpointMode(process.env.TIJORI_SQLITE_CHECKPOINTS),
    cacheMiB: cacheMiB(process.env.TIJORI_SQLITE_CACHE_MIB),
  })
}
