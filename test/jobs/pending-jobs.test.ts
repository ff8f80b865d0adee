/**
 * The pending-jobs memory (src/jobs/pending-jobs.ts): known only after the commit of the write that
 * found or scheduled the job, never for a write that failed, forgotten at once, and never recorded
 * on PostgreSQL (where other processes run jobs).
 */
import { describe, expect, it } from 'vitest'
import { forgetPending, forgetPendingKind, knownPending, rememberPending } from '../../src/jobs/pending-jobs.js'
import { storePerTest, testDialect } from '../support/test-db.js'

const ctx = storePerTest()

const known = (merchant: string, kind: string, key?: string) => knownPending(ctx.store.db, merchant, kind, key)

describe(`pending jobs memory (${testDialect()})`, () => {
  it('knows a job after the commit that scheduled it, not before, and never for a write that failed', async () => {
    await ctx.store.write(async (tx) => {
      rememberPending(tx, 'acc_a', 'k.settle', '100')
      expect(knownPending(tx, 'acc_a', 'k.settle', '100')).toBe(false)
    })
    await expect(
      ctx.store.write(async (tx) => {
        await tx.insertInto('merchant_clocks').values({ merchant_id: 'acc_b', offset_seconds: 1 }).execute()
        rememberPending(tx, 'acc_b', 'k.settle', '100')
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(known('acc_a', 'k.settle', '100')).toBe(testDialect() === 'sqlite')
    expect(known('acc_a', 'k.settle', '101')).toBe(false)
    expect(known('acc_b', 'k.settle', '100')).toBe(false)
  })

  it('forgets a merchant\'s kind at once (the runner starting a job), and a kind for everyone (cancelJobs)', async () => {
    await ctx.store.write(async (tx) => {
      rememberPending(tx, 'acc_a', 'k.settle', '100')
      rememberPending(tx, 'acc_a', 'k.settle', '160')
      rememberPending(tx, 'acc_a', 'k.purge')
      rememberPending(tx, 'acc_c', 'k.settle', '100')
    })
    if (testDialect() === 'postgres') {
      expect(known('acc_a', 'k.purge')).toBe(false)
      return
    }
    expect(known('acc_a', 'k.purge')).toBe(true)
    // Forgetting inside a write that then fails still forgets: it only ever makes a check read again.
    await expect(
      ctx.store.write(async (tx) => {
        forgetPending(tx, 'acc_a', 'k.settle')
        expect(knownPending(tx, 'acc_a', 'k.settle', '100')).toBe(false)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(known('acc_a', 'k.settle', '160')).toBe(false)
    expect(known('acc_a', 'k.purge')).toBe(true)
    expect(known('acc_c', 'k.settle', '100')).toBe(true)
    await ctx.store.write(async (tx) => forgetPendingKind(tx, 'k.settle'))
    expect(known('acc_c', 'k.settle', '100')).toBe(false)
    expect(known('acc_a', 'k.purge')).toBe(true)
  })
})
