/**
 * Payouts end to end through raw HTTP (the SDK has no payouts resource and cannot send
 * X-Payout-Idempotency): the balance, processing → processed on the merchant's clock, the queue,
 * cancel, the documented test triggers, mode rules, list filters, events and the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { SETTLE_BATCH, SETTLE_JOB } from '../../../src/domain/payouts/processing.js'
import { startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import {
  advance,
  balanceOf,
  beneficiary,
  businessAccount,
  createPayout,
  eventsOf,
  expectLedgerConsistent,
  fetchPayout,
  payoutBody,
  topUp,
  uniqueKey,
  merchantWithAccount,
} from '../../support/razorpayx.js'

let s: TestServer
// Real time stands still: only POST /_sandbox/clock moves the merchants' clocks, so timing
// assertions (59 s → still processing, 60 s → processed) hold however slow the machine is.
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => FROZEN })
})
afterAll(() => s.close())

const X = { source: 'business', step: null, reason: 'input_validation_failed' } as const
const OPENING = 1_00_00_000_00

const fresh = () => merchantWithAccount(s)

describe('business account', () => {
  it('every merchant has one RazorpayX account with ₹1,00,00,000 of test balance', async () => {
    const m = await s.newMerchant()
    const r = await m.http('GET', '/v1/banking_balances')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      entity: 'collection',
      count: 1,
      items: [
        {
          entity: 'banking_balance',
          currency: 'INR',
          account_number: expect.stringMatching(/^\d{16}$/),
          account_type: 'razorpayx_lite',
          bank_name: null,
          bank_code: null,
          amount: OPENING,
          available_amount: OPENING,
          refreshed_at: expect.any(Number),
        },
      ],
    })
    // Concurrent first uses create it once.
    const other = await s.newMerchant()
    const all = await Promise.all(Array.from({ length: 10 }, () => other.http('GET', '/v1/banking_balances')))
    expect(new Set(all.map((x) => x.body.items[0].account_number)).size).toBe(1)
    expect((await other.http('GET', '/v1/banking_balances')).body.count).toBe(1)
    expect((await m.http('GET', '/v1/banking_balances?account_type=current_account')).body.count).toBe(0)
    expectError(await m.http('GET', '/v1/banking_balances?account_type=savings'), 400, {
      description: 'The selected account type is invalid.',
      field: 'account_type',
      ...X,
    })
    await expectLedgerConsistent(s, other.id)
  })

  it('POST /_sandbox/balance adds funds and validates its input', async () => {
    const { m, acct } = await fresh()
    const r = await topUp(m, acct, 12345)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ entity: 'banking_balance', account_number: acct, amount: OPENING + 12345 })
    expect(await balanceOf(m)).toBe(OPENING + 12345)
    const [txn] = await eventsOf(s, m.id, 'transaction.')
    expect(txn.payload.transaction.entity).toMatchObject({ entity: 'transaction', account_number: acct, credit: 12345, debit: 0, balance: OPENING + 12345 })
    expect(txn.payload.transaction.entity.source).toMatchObject({ entity: 'bank_transfer', amount: 12345 })
    expectError(await topUp(m, '0000000000000000', 100), 400, { description: 'The RazorpayX Account number is invalid.', field: 'account_number', ...X })
    expectError(await topUp(m, acct, 0), 400, { description: expect.stringMatching(/^The amount must be a positive integer/) as never, field: 'amount', ...X })
    expectError(await topUp(m, acct, 1.5), 400, { description: expect.stringMatching(/^The amount must be a positive integer/) as never, field: 'amount', ...X })
    // Without account_number the money goes to the merchant's payment balance, which Route transfers
    // draw on (issue 4, domain/transfers/balance.ts); the business account is untouched.
    expect((await m.http('POST', '/_sandbox/balance', { amount: 100 })).body).toEqual({ entity: 'balance', type: 'payments', balance: 100, currency: 'INR' })
    expect(await balanceOf(m)).toBe(OPENING + 12345)
    const other = await s.newMerchant()
    expectError(await topUp(other, acct, 100), 400, { description: 'The RazorpayX Account number is invalid.', field: 'account_number', ...X })
    await expectLedgerConsistent(s, m.id)
  })
})

describe('payout lifecycle', () => {
  it('processing with fees → processed with a UTR after the bank delay; the balance moves through the ledger', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m)
    const body = {
      ...payoutBody(acct, fundAccountId, { amount: 1000000, purpose: 'refund', queue_if_low_balance: true }),
      reference_id: 'Acme Transaction ID 12345',
      narration: 'Acme Corp Fund Transfer',
      notes: { notes_key_1: 'Tea, Earl Grey, Hot' },
    }
    const r = await createPayout(m, body, '53cda91c-8f81-4e77-bbb9-7388f4ac6bf4')
    expect(r.status, r.text).toBe(200)
    expect(r.body).toEqual({
      id: expect.stringMatching(/^pout_[0-9A-Za-z]{14}$/),
      entity: 'payout',
      fund_account_id: fundAccountId,
      amount: 1000000,
      currency: 'INR',
      notes: { notes_key_1: 'Tea, Earl Grey, Hot' },
      fees: 590,
      tax: 90,
      status: 'processing',
      purpose: 'refund',
      utr: null,
      mode: 'IMPS',
      reference_id: 'Acme Transaction ID 12345',
      narration: 'Acme Corp Fund Transfer',
      debit_account_number: acct,
      batch_id: null,
      failure_reason: null,
      status_details: { description: expect.stringMatching(/^Payout is being processed by the partner bank/), source: 'gateway', reason: 'payout_bank_processing' },
      created_at: expect.any(Number),
      fee_type: '',
    })
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await balanceOf(m)).toBe(OPENING - 1000000 - 590)
    // The answer is the payout as fetched, byte for byte (the create sends the JSON it announced).
    const fetched = await m.http('GET', `/v1/payouts/${r.body.id}`)
    expect(r.text).toBe(fetched.text)

    await advance(m, 59)
    expect((await fetchPayout(m, r.body.id)).status).toBe('processing')
    await advance(m, 1)
    const done = await fetchPayout(m, r.body.id)
    expect(done).toMatchObject({
      status: 'processed',
      utr: expect.stringMatching(/^\d{12}$/),
      fees: 590,
      tax: 90,
      status_details: { source: 'beneficiary_bank', reason: 'payout_processed' },
    })
    expect(await balanceOf(m)).toBe(OPENING - 1000590)
    const events = await eventsOf(s, m.id)
    expect(events.map((e) => e.event)).toEqual(['payout.initiated', 'transaction.created', 'payout.processed', 'payout.updated'])
    expect(events[0].payload.payout.entity).toEqual(r.body)
    expect(events[1].payload.transaction.entity).toMatchObject({ debit: 1000590, credit: 0, balance: OPENING - 1000590, source: { id: r.body.id, entity: 'payout' } })
    expect(events[3].payload.payout.entity.utr).toBe(done.utr)
    await expectLedgerConsistent(s, m.id)
  })

  it('NEFT and RTGS take 30 minutes and carry bank-style UTRs; the narration defaults to the billing label', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m)
    const neft = (await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT' }))).body
    const rtgs = (await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'RTGS', amount: 2_00_000_00 }))).body
    expect(neft.narration).toBe('Test')
    expect(rtgs.fees).toBe(2360)
    await advance(m, 29 * 60)
    expect((await fetchPayout(m, neft.id)).status).toBe('processing')
    await advance(m, 60)
    expect((await fetchPayout(m, neft.id)).utr).toMatch(/^YESBN\d{11}$/)
    expect((await fetchPayout(m, rtgs.id)).utr).toMatch(/^YESBR\d{17}$/)
  })

  it('fails without queue_if_low_balance when the balance is short, and queues with it until funds arrive (FIFO, skipping what does not fit)', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank')
    // Leave ₹5,000 + one fee: spend the rest with one NEFT payout (no upper limit).
    const drain = await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: OPENING - 500000 - 590 - 590 }))
    expect(drain.status, drain.text).toBe(200)
    expect(await balanceOf(m)).toBe(500000 + 590)

    const key = uniqueKey()
    const refused = await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: 600000 }), key)
    expectError(refused, 400, { description: 'Your account does not have enough balance to carry out the payout operation.', ...X, reason: 'insufficient_funds' })

    const q = (amount: number) => createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount, queue_if_low_balance: true }))
    const a = (await q(600000)).body // does not fit: queued
    const b = (await q(300000)).body // fits: processing at once
    const c = (await q(500000)).body // does not fit any more: queued
    expect([a.status, b.status, c.status]).toEqual(['queued', 'processing', 'queued'])
    expect(a).toMatchObject({
      fees: 0,
      tax: 0,
      utr: null,
      status_details: {
        description: 'Payout is queued as there is insufficient balance in your account to process the payout.',
        source: 'business',
        reason: 'low_balance',
      },
    })
    expect(await balanceOf(m)).toBe(500000 + 590 - 300590)
    expect((await eventsOf(s, m.id, 'payout.queued')).length).toBe(2)

    // ₹3,500 more makes ₹5,500: that covers C (₹5,005.90) but not A (₹6,005.90), which is skipped.
    await topUp(m, acct, 350000)
    expect((await fetchPayout(m, a.id)).status).toBe('queued')
    expect((await fetchPayout(m, c.id)).status).toBe('processing')
    expect(await balanceOf(m)).toBe(500000 + 590 - 300590 + 350000 - 500590)
    await topUp(m, acct, 2000000)
    expect((await fetchPayout(m, a.id)).status).toBe('processing')

    // The refused request left no key behind: the same key now makes the payout.
    const retried = await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: 600000 }), key)
    expect(retried.status).toBe(200)
    expect(retried.body.status).toBe('processing')
    await advance(m, 3600)
    for (const id of [a.id, b.id, c.id, retried.body.id]) expect((await fetchPayout(m, id)).status).toBe('processed')
    await expectLedgerConsistent(s, m.id)
  })

  it('a queued payout whose fund account (or contact) was deactivated stays queued when funds arrive', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank')
    const drain = await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: OPENING - 590 - 100000 }))
    expect(drain.status, drain.text).toBe(200)
    const queued = (await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: 500000, queue_if_low_balance: true }))).body
    expect(queued.status).toBe('queued')
    expect((await m.http('PATCH', `/v1/fund_accounts/${fundAccountId}`, { active: false })).body.active).toBe(false)
    const before = await balanceOf(m)
    await topUp(m, acct, 2000000)
    expect((await fetchPayout(m, queued.id)).status).toBe('queued')
    expect(await balanceOf(m)).toBe(before + 2000000) // nothing debited for it
    // Reactivated, the next top-up lets it go.
    await m.http('PATCH', `/v1/fund_accounts/${fundAccountId}`, { active: true })
    await topUp(m, acct, 100)
    expect((await fetchPayout(m, queued.id)).status).toBe('processing')
    await expectLedgerConsistent(s, m.id)
  })

  it('cancels queued payouts only', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m)
    await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: OPENING - 1000 - 590 }))
    const queued = (await createPayout(m, payoutBody(acct, fundAccountId, { queue_if_low_balance: true }))).body
    expect(queued.status).toBe('queued')
    const cancelled = await m.http('POST', `/v1/payouts/${queued.id}/cancel`)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({ id: queued.id, status: 'cancelled', fees: 0, status_details: null })
    const updated = await eventsOf(s, m.id, 'payout.updated')
    expect(updated.at(-1)?.payload.payout.entity).toMatchObject({ id: queued.id, status: 'cancelled' })

    await topUp(m, acct, 1_000_000)
    expect((await fetchPayout(m, queued.id)).status).toBe('cancelled') // a cancelled payout never leaves the queue
    expectError(await m.http('POST', `/v1/payouts/${queued.id}/cancel`), 400, {
      description: 'Only queued payouts can be cancelled. This payout is cancelled.',
      field: 'id',
      ...X,
      reason: 'payout_not_cancellable',
    })
    const live = (await createPayout(m, payoutBody(acct, fundAccountId))).body
    expectError(await m.http('POST', `/v1/payouts/${live.id}/cancel`), 400, {
      description: 'Only queued payouts can be cancelled. This payout is processing.',
      field: 'id',
      ...X,
      reason: 'payout_not_cancellable',
    })
    expectError(await m.http('POST', '/v1/payouts/pout_00000000000000/cancel'), 400, { description: 'The id provided does not exist', field: 'id', ...X })
    await expectLedgerConsistent(s, m.id)
  })
})

describe('test triggers', () => {
  it.each([
    ['bank', '1111111111', 'IMPS', 'bank_account_invalid', 'beneficiary_bank'],
    ['bank', '3333333333', 'IMPS', 'imps_not_allowed', 'beneficiary_bank'],
    ['vpa', 'failure@razorpay', 'UPI', 'beneficiary_vpa_invalid', 'business'],
    ['wallet', '+910000000000', 'amazonpay', 'invalid_beneficiary', 'business'],
  ] as const)('%s %s fails (%s) and credits everything back', async (kind, detail, mode, reason, source) => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, kind, detail)
    const p = (await createPayout(m, payoutBody(acct, fundAccountId, { mode }))).body
    expect(p.status).toBe('processing')
    expect(await balanceOf(m)).toBe(OPENING - 10000 - p.fees)
    await advance(m, 60)
    const failed = await fetchPayout(m, p.id)
    expect(failed).toMatchObject({ status: 'failed', utr: null, status_details: { reason, source }, failure_reason: failed.status_details.description })
    expect(await balanceOf(m)).toBe(OPENING)
    const names = (await eventsOf(s, m.id)).map((e) => e.event)
    expect(names).toEqual(['payout.initiated', 'transaction.created', 'payout.failed', 'transaction.created'])
    await expectLedgerConsistent(s, m.id)
  })

  it('3333333333 only refuses IMPS', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank', '3333333333')
    const p = (await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT' }))).body
    await advance(m, 1800)
    expect((await fetchPayout(m, p.id)).status).toBe('processed')
  })

  it.each([
    ['bank', '2222222222', 'IMPS'],
    ['vpa', 'reversal@razorpay', 'UPI'],
  ] as const)('%s %s is processed, then reversed with amount + fees + tax credited back', async (kind, detail, mode) => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, kind, detail)
    const p = (await createPayout(m, payoutBody(acct, fundAccountId, { mode }))).body
    await advance(m, 60)
    const processed = await fetchPayout(m, p.id)
    expect(processed.status).toBe('processed')
    expect(await balanceOf(m)).toBe(OPENING - 10590)
    await advance(m, 600)
    const reversed = await fetchPayout(m, p.id)
    expect(reversed).toMatchObject({ status: 'reversed', utr: processed.utr, status_details: { reason: 'beneficiary_bank_rejected', source: 'beneficiary_bank' } })
    expect(await balanceOf(m)).toBe(OPENING)
    const events = await eventsOf(s, m.id)
    expect(events.map((e) => e.event)).toEqual([
      'payout.initiated',
      'transaction.created',
      'payout.processed',
      'payout.updated',
      'payout.reversed',
      'transaction.created',
    ])
    expect(events[5].payload.transaction.entity).toMatchObject({ credit: 10590, debit: 0, balance: OPENING, source: { entity: 'reversal', payout_id: p.id, fee: 590, tax: 90 } })
    await expectLedgerConsistent(s, m.id)
  })

  it('a reversal lets queued payouts through', async () => {
    const { m, acct } = await fresh()
    const rev = await beneficiary(m, 'bank', '2222222222')
    const ok = await beneficiary(m, 'bank')
    const big = (await createPayout(m, payoutBody(acct, rev.fundAccountId, { mode: 'NEFT', amount: OPENING - 590 }))).body
    expect(await balanceOf(m)).toBe(0)
    const queued = (await createPayout(m, payoutBody(acct, ok.fundAccountId, { queue_if_low_balance: true }))).body
    expect(queued.status).toBe('queued')
    await advance(m, 1800 + 600)
    expect((await fetchPayout(m, big.id)).status).toBe('reversed')
    expect((await fetchPayout(m, queued.id)).status).not.toBe('queued')
    expect(await balanceOf(m)).toBe(OPENING - 10590)
    await expectLedgerConsistent(s, m.id)
  })
})

describe('shared settle jobs', () => {
  const settleJobs = (merchantId: string) =>
    s.store.db.selectFrom('jobs').select(['run_at', 'subject_id', 'status']).where('merchant_id', '=', merchantId).where('kind', '=', SETTLE_JOB).orderBy('run_at').orderBy('id').execute()

  it('payouts due in the same second share one job, which settles them all, a batch at a time', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m)
    const failing = (await beneficiary(m, 'vpa', 'failure@razorpay')).fundAccountId
    const n = SETTLE_BATCH + 5
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      const r = await createPayout(m, i === 7 ? payoutBody(acct, failing, { mode: 'UPI' }) : payoutBody(acct, fundAccountId))
      expect(r.status, r.text).toBe(200)
      ids.push(r.body.id)
    }
    const neft = (await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT' }))).body
    // Real time stands still: IMPS and UPI are due in 60 s, NEFT in 30 minutes. One job each.
    const jobs = await settleJobs(m.id)
    expect(jobs).toEqual([
      { run_at: jobs[0]!.run_at, subject_id: null, status: 'pending' },
      { run_at: jobs[0]!.run_at + 1740, subject_id: null, status: 'pending' },
    ])
    const dueRows = await s.store.db.selectFrom('payouts').select('settle_at').where('id', 'in', ids).execute()
    expect(new Set(dueRows.map((r) => r.settle_at))).toEqual(new Set([jobs[0]!.run_at]))

    await advance(m, 60)
    const after = await Promise.all(ids.map((id) => fetchPayout(m, id)))
    expect(after.filter((p) => p.status === 'processed')).toHaveLength(n - 1)
    expect(after[7]).toMatchObject({ status: 'failed', status_details: { reason: 'beneficiary_vpa_invalid' } })
    expect((await fetchPayout(m, neft.id)).status).toBe('processing')
    // The first run settled SETTLE_BATCH and left a job for the rest, at the same time.
    expect((await settleJobs(m.id)).map((j) => j.status)).toEqual(['done', 'done', 'pending'])
    const events = (await eventsOf(s, m.id, 'payout.')).map((e) => e.event)
    expect(events.filter((e) => e === 'payout.processed')).toHaveLength(n - 1)
    expect(events.filter((e) => e === 'payout.failed')).toHaveLength(1)

    await advance(m, 1740)
    expect((await fetchPayout(m, neft.id)).status).toBe('processed')
    expect((await settleJobs(m.id)).every((j) => j.status === 'done')).toBe(true)
    await expectLedgerConsistent(s, m.id)
  })

  it('a settle job made before migration 0012 names its payout and settles that one', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m)
    const p = (await createPayout(m, payoutBody(acct, fundAccountId))).body
    const [shared] = await settleJobs(m.id)
    // As an older database holds it: no settle_at on the payout, a job with subject_id.
    await s.store.db.updateTable('payouts').set({ settle_at: null }).where('id', '=', p.id).execute()
    await s.store.db.updateTable('jobs').set({ subject_id: p.id }).where('merchant_id', '=', m.id).where('kind', '=', SETTLE_JOB).execute()
    await advance(m, 60)
    expect(await fetchPayout(m, p.id)).toMatchObject({ status: 'processed', utr: expect.stringMatching(/^\d{12}$/) })
    expect(await settleJobs(m.id)).toEqual([{ run_at: shared!.run_at, subject_id: p.id, status: 'done' }])
    await expectLedgerConsistent(s, m.id)
  })
})

describe('payout rules', () => {
  it('checks mode compatibility and per-mode limits', async () => {
    const { m, acct } = await fresh()
    const bank = await beneficiary(m, 'bank')
    const vpa = await beneficiary(m, 'vpa')
    const wallet = await beneficiary(m, 'wallet')
    const card = await beneficiary(m, 'card')
    const cases: [string, Record<string, unknown>, string, string][] = [
      [vpa.fundAccountId, { mode: 'IMPS' }, 'Invalid combination of payout mode (IMPS) and beneficiary account type (vpa)', 'mode'],
      [bank.fundAccountId, { mode: 'UPI' }, 'Invalid combination of payout mode (UPI) and beneficiary account type (bank_account)', 'mode'],
      [wallet.fundAccountId, { mode: 'NEFT' }, 'Invalid combination of payout mode (NEFT) and beneficiary account type (wallet)', 'mode'],
      [bank.fundAccountId, { mode: 'amazonpay' }, 'Invalid combination of payout mode (amazonpay) and beneficiary account type (bank_account)', 'mode'],
      [bank.fundAccountId, { mode: 'IMPS', amount: 5_00_000_01 }, 'The amount for IMPS payouts may not be greater than INR 500000.00.', 'amount'],
      [vpa.fundAccountId, { mode: 'UPI', amount: 1_00_000_01 }, 'The amount for UPI payouts may not be greater than INR 100000.00.', 'amount'],
      [bank.fundAccountId, { mode: 'RTGS', amount: 1_99_999_99 }, 'The amount for RTGS payouts must be at least INR 200000.00.', 'amount'],
      [wallet.fundAccountId, { mode: 'amazonpay', amount: 10_000_01 }, 'The amount for amazonpay payouts may not be greater than INR 10000.00.', 'amount'],
      [bank.fundAccountId, { mode: 'imps' }, 'Invalid payout mode: imps. Modes are case-sensitive.', 'mode'],
      [bank.fundAccountId, { amount: 99 }, 'The amount must be at least 100.', 'amount'],
      [bank.fundAccountId, { currency: 'USD' }, 'The selected currency is invalid.', 'currency'],
      [bank.fundAccountId, { purpose: 'bribe' }, 'Invalid purpose: bribe', 'purpose'],
      [bank.fundAccountId, { reference_id: 'r'.repeat(41) }, 'The reference id may not be greater than 40 characters.', 'reference_id'],
      [bank.fundAccountId, { narration: 'n'.repeat(31) }, 'The narration may not be greater than 30 characters.', 'narration'],
      [bank.fundAccountId, { narration: 'Acme-Corp' }, 'The narration may contain only letters, digits and spaces.', 'narration'],
      [bank.fundAccountId, { account_number: '1234567890123456' }, 'The RazorpayX Account number is invalid.', 'account_number'],
      ['fa_00000000000000', {}, 'The id provided does not exist', 'fund_account_id'],
      ['fa_x', {}, 'fa_x is not a valid id.', 'fund_account_id'],
    ]
    for (const [fa, over, description, field] of cases) {
      expectError(await createPayout(m, payoutBody(acct, fa, over)), 400, { description, field, ...X })
    }
    for (const field of ['account_number', 'fund_account_id', 'amount', 'currency', 'mode', 'purpose']) {
      const body = payoutBody(acct, bank.fundAccountId)
      delete body[field]
      expectError(await createPayout(m, body), 400, { description: `The ${field.replace(/_/g, ' ')} field is required.`, field, ...X })
    }
    // Every compatible pair works, at the limits.
    const ok: [string, Record<string, unknown>][] = [
      [bank.fundAccountId, { mode: 'IMPS', amount: 5_00_000_00 }],
      [bank.fundAccountId, { mode: 'RTGS', amount: 2_00_000_00 }],
      [vpa.fundAccountId, { mode: 'UPI', amount: 1_00_000_00 }],
      [wallet.fundAccountId, { mode: 'amazonpay', amount: 10_000_00 }],
      [card.fundAccountId, { mode: 'card' }],
      [card.fundAccountId, { mode: 'IMPS' }],
    ]
    for (const [fa, over] of ok) expect((await createPayout(m, payoutBody(acct, fa, over))).status).toBe(200)
    expect(await balanceOf(m)).toBe(OPENING - (5_00_000_00 + 1000 + 180) - (2_00_000_00 + 2360) - (1_00_000_00 + 590) - (10_000_00 + 590) - (10000 + 1180) - (10000 + 590))
    await expectLedgerConsistent(s, m.id)
  })

  it('refuses inactive fund accounts and contacts (also right after paying them), and customer fund accounts', async () => {
    const { m, acct } = await fresh()
    const { contactId, fundAccountId } = await beneficiary(m)
    // A payout first, so that the payee is known (kept across requests on SQLite until a PATCH).
    expect((await createPayout(m, payoutBody(acct, fundAccountId))).status).toBe(200)
    const paid = OPENING - (await balanceOf(m))
    await m.http('PATCH', `/v1/fund_accounts/${fundAccountId}`, { active: false })
    expectError(await createPayout(m, payoutBody(acct, fundAccountId)), 400, {
      description: 'The fund account is inactive. Activate it before making payouts to it.',
      field: 'fund_account_id',
      ...X,
    })
    await m.http('PATCH', `/v1/fund_accounts/${fundAccountId}`, { active: true })
    await m.http('PATCH', `/v1/contacts/${contactId}`, { active: false })
    expectError(await createPayout(m, payoutBody(acct, fundAccountId)), 400, {
      description: 'The contact is inactive. Activate it before making payouts to it.',
      field: 'fund_account_id',
      ...X,
    })
    await m.http('PATCH', `/v1/contacts/${contactId}`, { active: true })
    expect((await createPayout(m, payoutBody(acct, fundAccountId))).status).toBe(200)
    // Customer fund accounts need a real customer since customers exist (issue 5).
    const customer = await m.http('POST', '/v1/customers', { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com' })
    const cust = await m.http('POST', '/v1/fund_accounts', {
      customer_id: customer.body.id,
      account_type: 'bank_account',
      bank_account: { name: 'Gaurav Kumar', ifsc: 'HDFC0000053', account_number: '11214311215411' },
    })
    expectError(await createPayout(m, payoutBody(acct, cust.body.id)), 400, {
      description: 'Payouts can only be made to fund accounts of contacts.',
      field: 'fund_account_id',
      ...X,
    })
    expect(await balanceOf(m)).toBe(OPENING - 2 * paid)
  })

  it('lists by account_number with filters, and hides other merchants\' payouts', async () => {
    const { m, acct } = await fresh()
    const one = await beneficiary(m)
    const two = await beneficiary(m, 'vpa')
    const a = (await createPayout(m, payoutBody(acct, one.fundAccountId, { reference_id: 'ref-a' }))).body
    const b = (await createPayout(m, payoutBody(acct, two.fundAccountId, { mode: 'UPI' }))).body
    const list = (q: string) => m.http('GET', `/v1/payouts?account_number=${acct}${q}`)
    expect((await list('')).body).toMatchObject({ entity: 'collection', count: 2, items: [{ id: b.id }, { id: a.id }] })
    expect((await list(`&fund_account_id=${one.fundAccountId}`)).body.items.map((p: any) => p.id)).toEqual([a.id])
    expect((await list(`&contact_id=${two.contactId}`)).body.items.map((p: any) => p.id)).toEqual([b.id])
    expect((await list('&mode=UPI')).body.items.map((p: any) => p.id)).toEqual([b.id])
    expect((await list('&reference_id=ref-a')).body.items.map((p: any) => p.id)).toEqual([a.id])
    expect((await list('&status=processed')).body.count).toBe(0)
    await advance(m, 60)
    expect((await list('&status=processed')).body.count).toBe(2)
    expect((await list('&count=1&skip=1')).body.items.map((p: any) => p.id)).toEqual([a.id])
    expectError(await m.http('GET', '/v1/payouts'), 400, { description: 'The account number field is required.', field: 'account_number', ...X })
    expectError(await list('&status=done'), 400, { description: 'The selected status is invalid.', field: 'status', ...X })
    const other = await s.newMerchant()
    expect((await other.http('GET', `/v1/payouts?account_number=${acct}`)).body.count).toBe(0)
    expectError(await other.http('GET', `/v1/payouts/${a.id}`), 400, { description: 'The id provided does not exist', field: 'id', ...X })
    expectError(await m.http('GET', '/v1/payouts/pout_1'), 400, { description: 'pout_1 is not a valid id.', field: 'id', ...X })
  })
})

describe('no input yields a 500', () => {
  it('answers any body with a payout or a Razorpay envelope', async () => {
    const fc = (await import('fast-check')).default
    const { expectSomeEnvelope } = await import('../../support/envelope.js')
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m)
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }))
    const fields = ['account_number', 'fund_account_id', 'amount', 'currency', 'mode', 'purpose', 'queue_if_low_balance', 'reference_id', 'narration', 'notes']
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...fields), value), fc.boolean(), async (over, keep) => {
        const body = keep ? { ...payoutBody(acct, fundAccountId), ...over } : over
        const r = await createPayout(m, body)
        expect(r.status, r.text).not.toBe(500)
        if (r.status !== 200) expectSomeEnvelope(r)
      }),
      { numRuns: 60 },
    )
    await expectLedgerConsistent(s, m.id)
  })
})
