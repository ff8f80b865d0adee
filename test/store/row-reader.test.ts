/** The raw-row reader returns exactly the objects better-sqlite3 itself builds (src/store/sqlite/row-reader.ts). */
import BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowReader } from '../../src/store/sqlite/row-reader.js'

let db: BetterSqlite3.Database
beforeAll(() => {
  db = new BetterSqlite3(':memory:')
  db.exec(`CREATE TABLE a (id TEXT PRIMARY KEY, n INTEGER, x REAL, t TEXT, b BLOB, nul TEXT);
           CREATE TABLE c (id TEXT PRIMARY KEY, a_id TEXT, n INTEGER);`)
})
afterAll(() => db.close())

describe('rowReader', () => {
  it('matches better-sqlite3 for selects with expressions, odd aliases, duplicate names and parameters', () => {
    const ins = db.prepare('INSERT INTO a VALUES (?, ?, ?, ?, ?, ?)')
    ins.run('a1', 42, 1.5, 'text "quoted"', Buffer.from([1, 2]), null)
    ins.run('a2', -7, 0, '', null, null)
    db.prepare('INSERT INTO c VALUES (?, ?, ?)').run('c1', 'a1', 9)
    const read = rowReader(db).all
    for (const [sql, params] of [
      ['SELECT * FROM a WHERE id = ? AND n = ?', ['a1', 42]],
      ['SELECT * FROM a ORDER BY id', []],
      ['SELECT * FROM a WHERE id = ?', ['none']],
      ['SELECT count(*), sum(n) AS "total ""n""", \'x\' AS [weird key] FROM a', []],
      ['SELECT a.*, c.* FROM a JOIN c ON c.a_id = a.id', []], // id and n twice: the last wins
      ['SELECT id AS "__proto__", n AS "constructor" FROM a', []],
    ] as const) {
      expect(read(sql, params), sql).toEqual(db.prepare(sql).all(...params))
      expect(read(sql, params), `${sql} (cached)`).toEqual(db.prepare(sql).all(...params))
    }
  })

  it('keeps the column order of the object (property)', () => {
    const read = rowReader(db).all
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('id', 'n', 'x', 't', 'b', 'nul'), { minLength: 1 }), (cols) => {
        const sql = `SELECT ${cols.join(', ')} FROM a ORDER BY id`
        const got = read(sql, [])
        expect(got).toEqual(db.prepare(sql).all())
        for (const row of got) expect(Object.keys(row)).toEqual(cols)
      }),
    )
  })

  it('tells onWrite of a RETURNING write that changed rows, not of one that changed none, nor of a select', () => {
    db.exec(`CREATE TABLE w (id TEXT PRIMARY KEY, balance INTEGER)`)
    db.prepare('INSERT INTO w VALUES (?, ?)').run('w1', 100)
    let writes = 0
    const read = rowReader(db, () => writes++).all
    const debit = 'UPDATE w SET balance = balance - ? WHERE id = ? AND balance - ? >= 0 RETURNING balance'
    expect(read(debit, [150, 'w1', 150])).toEqual([]) // not covered: nothing changed
    expect(writes).toBe(0)
    expect(read('SELECT * FROM w', [])).toEqual([{ id: 'w1', balance: 100 }])
    expect(writes).toBe(0)
    expect(read(debit, [60, 'w1', 60])).toEqual([{ balance: 40 }])
    expect(writes).toBe(1)
  })

  it('atVersion: answers like a read, with fresh objects, and reads again when the version moves', () => {
    db.exec(`CREATE TABLE v (id TEXT PRIMARY KEY, n INTEGER)`)
    db.prepare('INSERT INTO v VALUES (?, ?)').run('v1', 1)
    const r = rowReader(db)
    const one = 'SELECT * FROM v WHERE id = ?'
    const a = r.atVersion(1, one, ['v1'])
    expect(a).toEqual([{ id: 'v1', n: 1 }])
    a[0]!.n = 99
    const b = r.atVersion(1, one, ['v1'])
    expect(b).toEqual([{ id: 'v1', n: 1 }])
    expect(b[0]).not.toBe(a[0])
    db.prepare('UPDATE v SET n = 2').run()
    // Same version: the caller promised nothing changed (turn-read.ts moves it when something may have).
    expect(r.atVersion(1, one, ['v1'])).toEqual([{ id: 'v1', n: 1 }])
    expect(r.atVersion(2, one, ['v1'])).toEqual([{ id: 'v1', n: 2 }])
    // Other parameters are another read; lists are never kept.
    expect(r.atVersion(2, one, ['none'])).toEqual([])
    db.prepare('INSERT INTO v VALUES (?, ?)').run('v2', 3)
    expect(r.atVersion(2, 'SELECT * FROM v ORDER BY id', [])).toHaveLength(2)
    db.prepare('INSERT INTO v VALUES (?, ?)').run('v3', 4)
    expect(r.atVersion(2, 'SELECT * FROM v ORDER BY id', [])).toHaveLength(3)
  })
})
