/**
 * The pool as Kysely sees it, with every parameterized statement sent as a *named* prepared
 * statement: node-postgres parses it once per connection and afterwards sends only Bind/Execute, so
 * PostgreSQL skips parsing and planning of Tijori's hot statements (the SQLite adapter caches its
 * prepared statements for the same reason). Names come from the SQL text, so the set is bounded by
 * the queries the code can build.
 */
import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { PostgresPool, PostgresPoolClient } from 'kysely'

const MAX_NAMES = 2_000
const names = new Map<string, string>()

export function nameOf(text: string): string {
  let name = names.get(text)
  if (name === undefined) {
    name = `tj_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    if (names.size >= MAX_NAMES) names.clear()
    names.set(text, name)
  }
  return name
}

export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      return {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        query: ((sqlOrCursor: any, parameters?: ReadonlyArray<unknown>) => {
          if (typeof sqlOrCursor !== 'string' || !parameters || parameters.length === 0) return client.query(sqlOrCursor, parameters as unknown[])
          return client.query({ name: nameOf(sqlOrCursor), text: sqlOrCursor, values: parameters as unknown[] })
        }) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      }
    },
    end: () => pool.end(),
  }
}
