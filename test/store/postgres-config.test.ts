/** The PostgreSQL adapter's pure parts: pool settings from the URL, and which errors re-run a transaction. */
import { describe, expect, it } from 'vitest'
import { poolConfig } from '../../src/store/postgres/pool.js'
import { isRetryable, retryDelayMs } from '../../src/store/postgres/retry.js'
import { isPostgresUrl } from '../../src/store/open.js'

describe('PostgreSQL adapter settings', () => {
  it('recognises postgres:// and postgresql:// locations only', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true)
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true)
    expect(isPostgresUrl('./data/postgres.db')).toBe(false)
  })

  it('takes pool_max out of the URL and passes every other option (TLS, search_path) to pg', () => {
    const c = poolConfig('postgres://u:p@db:5433/tj?sslmode=require&pool_max=25&options=-c%20search_path%3Dx')
    expect(c.max).toBe(25)
    const u = new URL(c.connectionString as string)
    expect(u.searchParams.get('pool_max')).toBeNull()
    expect(u.searchParams.get('sslmode')).toBe('require')
    expect(u.searchParams.get('options')).toBe('-c search_path=x')
    expect(u.host).toBe('db:5433')
  })

  it('defaults to 10 connections, or TIJORI_PG_POOL; refuses a nonsense size', () => {
    const before = process.env.TIJORI_PG_POOL
    try {
      delete process.env.TIJORI_PG_POOL
      expect(poolConfig('postgres://h/db').max).toBe(10)
      process.env.TIJORI_PG_POOL = '4'
      expect(poolConfig('postgres://h/db').max).toBe(4)
      expect(() => poolConfig('postgres://h/db?pool_max=0')).toThrow(/positive integer/)
    } finally {
      if (before === undefined) delete process.env.TIJORI_PG_POOL
      else process.env.TIJORI_PG_POOL = before
    }
  })

  it('re-runs transactions on serialization failure, deadlock and unique violation only', () => {
    for (const code of ['40001', '40P01', '23505']) expect(isRetryable({ code })).toBe(true)
    expect(isRetryable({ code: '40001' }, 11)).toBe(true)
    expect(isRetryable({ code: '23505' }, 2)).toBe(true)
    expect(isRetryable({ code: '23505' }, 3)).toBe(false) // a real duplicate, not a race
    for (const err of [{ code: '23502' }, { code: '42P01' }, new Error('x'), null, undefined]) expect(isRetryable(err)).toBe(false)
    expect(retryDelayMs(1, () => 0)).toBe(1)
    expect(retryDelayMs(20, () => 1)).toBe(75) // capped at 50 ms × 1.5
  })
})

describe('printing the database location', () => {
  it('hides a postgres:// password and leaves file paths alone', async () => {
    const { redactPassword } = await import('../../src/server.js')
    expect(redactPassword('postgres://tijori:s3cret@db:5432/tj?sslmode=require')).toBe('postgres://tijori:***@db:5432/tj?sslmode=require')
    expect(redactPassword('postgres://tijori@db/tj')).toBe('postgres://tijori@db/tj')
    expect(redactPassword('./data/tijori.db')).toBe('./data/tijori.db')
  })
})
