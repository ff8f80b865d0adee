/**
 * The `pg` pool for TIJORI_DB=postgres://…. The connection string passes through untouched, so
 * every option `pg` reads from it works here too: sslmode, sslrootcert/sslcert/sslkey (TLS),
 * application_name, options (e.g. `-c search_path=…`), connect_timeout. Pool size comes from
 * `pool_max` in the URL's query (removed before `pg` sees the URL) or TIJORI_PG_POOL (default 10).
 */
import pg from 'pg'

// BIGINT (int8) and NUMERIC (sum() of BIGINT) arrive as strings by default, because they may
// exceed 2^53. Tijori's values are subunits and unix seconds, far below that: numbers.
const INT8 = 20
const NUMERIC = 1700
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v)
    return pg.types.getTypeParser(oid, format)
  },
} as pg.CustomTypesConfig

export function poolConfig(url: string): pg.PoolConfig {
  const u = new URL(url)
  const fromUrl = u.searchParams.get('pool_max')
  u.searchParams.delete('pool_max')
  const max = Number(fromUrl ?? process.env.TIJORI_PG_POOL ?? 10)
  if (!Number.isInteger(max) || max < 1) throw new Error(`pool size must be a positive integer, got ${fromUrl ?? process.env.TIJORI_PG_POOL}`)
  return { connectionString: u.toString(), max, types, idleTimeoutMillis: 30_000 }
}

export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool(poolConfig(url))
  // An idle client that loses its server (restart, network) emits 'error' on the pool; without a
  // listener that would crash the process. The next query simply gets a fresh connection.
  pool.on('error', () => undefined)
  return pool
}
