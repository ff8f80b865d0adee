/**
 * The PostgreSQL adapter's statement batcher (src/store/postgres/statement-batcher.ts) against a
 * recording runner: what it sends, and how each submitter learns its own outcome. The store
 * contract suite runs the same path on a real PostgreSQL (write(fn, { single: true })).
 */
import { describe, expect, it } from 'vitest'
import type pg from 'pg'
import { CompiledQuery } from 'kysely'
import { StatementBatcher } from '../../src/store/postgres/statement-batcher.js'

interface Sent {
  text: string
  values: readonly unknown[]
}

/** A runner that records each statement and fails those whose values include 'bad'. */
function recorder(): { sent: Sent[]; run: (text: string, values: readonly unknown[]) => Promise<pg.QueryResult> } {
  const sent: Sent[] = []
  return {
    sent,
    run: async (text, values) => {
      sent.push({ text, values })
      if (values.includes('bad')) throw new Error('violates a constraint')
      return { command: text.startsWith('insert') ? 'INSERT' : 'UPDATE', rowCount: 1, rows: [], oid: 0, fields: [] }
    },
  }
}

const insert = (a: string, b: number) => CompiledQuery.raw('insert into "t" ("a", "b") values ($1, $2)', [a, b])

describe('statement batcher', () => {
  it('merges the plain inserts of one turn into one multi-row insert, placeholders renumbered', async () => {
    const r = recorder()
    const batcher = new StatementBatcher(r.run)
    const results = await Promise.all([batcher.submit(insert('x', 1)), batcher.submit(insert('y', 2)), batcher.submit(insert('z', 3))])
    expect(r.sent).toEqual([{ text: 'insert into "t" ("a", "b") values ($1, $2), ($3, $4), ($5, $6)', values: ['x', 1, 'y', 2, 'z', 3] }])
    expect(results).toEqual([1, 2, 3].map(() => ({ numAffectedRows: 1n, rows: [] })))
  })

  it('a row that fails the merged insert fails alone: every statement runs again on its own', async () => {
    const r = recorder()
    const batcher = new StatementBatcher(r.run)
    const outcomes = await Promise.allSettled([batcher.submit(insert('x', 1)), batcher.submit(insert('bad', 2)), batcher.submit(insert('z', 3))])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(r.sent.map((s) => s.values)).toEqual([['x', 1, 'bad', 2, 'z', 3], ['x', 1], ['bad', 2], ['z', 3]])
  })

  it('keeps other tables, other column lists and other statements apart', async () => {
    const r = recorder()
    const batcher = new StatementBatcher(r.run)
    const update = CompiledQuery.raw('update "t" set "b" = $1 where "a" = $2', [5, 'x'])
    const otherColumns = CompiledQuery.raw('insert into "t" ("a") values ($1)', ['w'])
    const otherTable = CompiledQuery.raw('insert into "u" ("a", "b") values ($1, $2)', ['v', 9])
    const returning = CompiledQuery.raw('insert into "t" ("a", "b") values ($1, $2) returning "a"', ['r', 0])
    const reordered = CompiledQuery.raw('insert into "t" ("a", "b") values ($2, $1)', [3, 'q'])
    const results = await Promise.all([
      batcher.submit(insert('x', 1)),
      batcher.submit(update),
      batcher.submit(otherColumns),
      batcher.submit(otherTable),
      batcher.submit(returning),
      batcher.submit(reordered),
      batcher.submit(insert('y', 2)),
    ])
    expect(r.sent.map((s) => s.text).sort()).toEqual(
      [
        'insert into "t" ("a", "b") values ($1, $2), ($3, $4)',
        'update "t" set "b" = $1 where "a" = $2',
        'insert into "t" ("a") values ($1)',
        'insert into "u" ("a", "b") values ($1, $2)',
        'insert into "t" ("a", "b") values ($1, $2) returning "a"',
        'insert into "t" ("a", "b") values ($2, $1)',
      ].sort(),
    )
    expect(results[1]).toEqual({ numAffectedRows: 1n, rows: [] })
  })

  it('statements of later turns go in later statements', async () => {
    const r = recorder()
    const batcher = new StatementBatcher(r.run)
    await batcher.submit(insert('x', 1))
    await batcher.submit(insert('y', 2))
    expect(r.sent.map((s) => s.text)).toEqual(['insert into "t" ("a", "b") values ($1, $2)', 'insert into "t" ("a", "b") values ($1, $2)'])
  })
})
