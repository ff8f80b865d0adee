/** `tijori balance add`: tops up a business account on the database a running server uses. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../support/harness.js'
import { balanceOf, beneficiary, businessAccount, createPayout, eventsOf, fetchPayout, payoutBody } from '../../support/razorpayx.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/tijori.mjs', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    p.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('tijori balance add', () => {
  it('adds funds, lets queued payouts through, and refuses a wrong account number', async () => {
    const m = s.merchant
    const acct = (await businessAccount(m)).account_number
    const { fundAccountId } = await beneficiary(m)
    const opening = await balanceOf(m)
    // Spend everything but ₹10, then queue a ₹100 payout.
    await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: opening - 1000 - 590 }))
    const queued = (await createPayout(m, payoutBody(acct, fundAccountId, { queue_if_low_balance: true }))).body
    expect(queued.status).toBe('queued')

    const db = s.db
    const ok = await cli(['balance', 'add', '--merchant', m.id, '--account-number', acct, '--amount', '100000', '--db', db, '--json'])
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ entity: 'banking_balance', account_number: acct, amount: 1000 + 100000 - 10590 })
    expect(await balanceOf(m)).toBe(1000 + 100000 - 10590)
    expect((await fetchPayout(m, queued.id)).status).toBe('processing')
    expect((await eventsOf(s, m.id, 'transaction.')).at(-2)?.payload.transaction.entity).toMatchObject({ credit: 100000, source: { entity: 'bank_transfer' } })

    const wrong = await cli(['balance', 'add', '--merchant', m.id, '--account-number', '1234', '--amount', '100', '--db', db])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('The RazorpayX Account number is invalid.')
  })
})
