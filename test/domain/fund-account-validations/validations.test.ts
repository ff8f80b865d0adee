/**
 * Fund account validations end to end through raw HTTP (the SDK has no method for them):
 * created → completed/failed on the merchant's clock, the documented entity, the test triggers,
 * fetch and list, validation errors, the money (penny + fee through the ledger, credited back as
 * the bank's answer says) and the fund_account.validation.* webhooks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError, VALIDATION } from '../../support/envelope.js'
import { startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import {
  advance,
  balanceOf,
  beneficiary,
  businessAccount,
  createContact,
  createFundAccount,
  createPayout,
  eventsOf,
  expectLedgerConsistent,
  payoutBody,
  topUp,
  merchantWithAccount,
} from '../../support/razorpayx.js'
import { startSink } from '../../webhooks/sink.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
// Real time stands still: only POST /_sandbox/clock moves the merchants' clocks.
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => FROZEN })
})
afterAll(() => s.close())

const X = { source: 'business', step: null, reason: 'input_validation_failed' } as const
const OPENING = 1_00_00_000_00
const FEES = 236 // ₹2 + 18% GST: Tijori's fee (docs/payouts.md)

const fresh = () => merchantWithAccount(s)

function validate(m: TestMerchant, body: unknown) {
  return m.http('POST', '/v1/fund_accounts/validations', body)
}

async function created(m: TestMerchant, acct: string, fundAccountId: string, over: Record<string, unknown> = {}): Promise<any> {
  const r = await validate(m, { account_number: acct, fund_account: { id: fundAccountId }, amount: 100, currency: 'INR', ...over })
  expect(r.status, r.text).toBe(200)
  return r.body
}

async function fetchValidation(m: TestMerchant, id: string): Promise<any> {
  const r = await m.http('GET', `/v1/fund_accounts/validations/${id}`)
  expect(r.status, r.text).toBe(200)
  return r.body
}

async function fundAccount(m: TestMerchant, id: string): Promise<any> {
  return (await m.http('GET', `/v1/fund_accounts/${id}`)).body
}

describe('bank account validation', () => {
  it('is created with the penny and fee debited, then completed with the registered name and a UTR a minute later', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank')
    const notes = { random_key_1: 'Make it so.', random_key_2: 'Tea. Earl Grey. Hot.' }
    const v = await created(m, acct, fundAccountId, { notes })
    expect(v).toEqual({
      id: expect.stringMatching(/^fav_[0-9A-Za-z]{14}$/),
      entity: 'fund_account.validation',
      fund_account: await fundAccount(m, fundAccountId),
      status: 'created',
      amount: 100,
      currency: 'INR',
      notes,
      results: { account_status: null, registered_name: null },
      created_at: FROZEN,
      utr: null,
    })
    // Exactly the documented keys, in the documented order.
    expect(Object.keys(v)).toEqual(['id', 'entity', 'fund_account', 'status', 'amount', 'currency', 'notes', 'results', 'created_at', 'utr'])
    expect(v.fund_account).toMatchObject({ id: fundAccountId, entity: 'fund_account', account_type: 'bank_account', bank_account: { name: 'Gaurav Kumar' } })
    expect(await balanceOf(m)).toBe(OPENING - 100 - FEES)
    expect(await fetchValidation(m, v.id)).toEqual(v)

    await advance(m, 59)
    expect((await fetchValidation(m, v.id)).status).toBe('created')
    await advance(m, 1)
    const done = await fetchValidation(m, v.id)
    expect(done).toEqual({
      ...v,
      status: 'completed',
      results: { account_status: 'active', registered_name: 'Gaurav Kumar' },
      utr: expect.stringMatching(/^\d{12}$/),
    })
    // The penny reached the beneficiary: nothing comes back.
    expect(await balanceOf(m)).toBe(OPENING - 100 - FEES)

    const events = await eventsOf(s, m.id)
    expect(events.map((e) => e.event)).toEqual(['transaction.created', 'fund_account.validation.completed'])
    expect(events[0].payload.transaction.entity).toMatchObject({
      account_number: acct,
      debit: 100 + FEES,
      credit: 0,
      balance: OPENING - 100 - FEES,
      source: { id: v.id, entity: 'fund_account.validation', amount: 100, fees: FEES, tax: 36 },
    })
    expect(events[1].payload).toEqual({ 'fund_account.validation': { entity: done } })
    await expectLedgerConsistent(s, m.id)
  })

  it('defaults the amount to 100 and takes an amount-validation amount between ₹1 and ₹2', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank')
    const r = await validate(m, { account_number: acct, fund_account: { id: fundAccountId } })
    expect(r.status, r.text).toBe(200)
    expect(r.body).toMatchObject({ amount: 100, currency: 'INR', notes: [] })
    const odd = await created(m, acct, fundAccountId, { amount: 127 })
    expect(odd.amount).toBe(127)
    expect(await balanceOf(m)).toBe(OPENING - 100 - 127 - 2 * FEES)
    await expectLedgerConsistent(s, m.id)
  })

  it('1111111111 completes as invalid: the penny comes back, the fee stays', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank', '1111111111')
    const v = await created(m, acct, fundAccountId)
    await advance(m, 60)
    const done = await fetchValidation(m, v.id)
    expect(done).toMatchObject({ status: 'completed', results: { account_status: 'invalid', registered_name: null }, utr: null, amount: 100 })
    expect(await balanceOf(m)).toBe(OPENING - FEES)
    const events = await eventsOf(s, m.id)
    expect(events.map((e) => e.event)).toEqual(['transaction.created', 'fund_account.validation.completed', 'transaction.created'])
    expect(events[2].payload.transaction.entity).toMatchObject({
      credit: 100,
      debit: 0,
      balance: OPENING - FEES,
      source: { entity: 'reversal', fund_account_validation_id: v.id, amount: 100, fee: 0, tax: 0 },
    })
    await expectLedgerConsistent(s, m.id)
  })

  it('3333333333 (IMPS disabled at the bank) fails: results are empty strings and everything comes back', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank', '3333333333')
    const v = await created(m, acct, fundAccountId, { amount: 150 })
    expect(await balanceOf(m)).toBe(OPENING - 150 - FEES)
    await advance(m, 60)
    const done = await fetchValidation(m, v.id)
    expect(done).toMatchObject({ status: 'failed', results: { account_status: '', registered_name: '' }, utr: null, amount: 150 })
    expect(await balanceOf(m)).toBe(OPENING)
    const events = await eventsOf(s, m.id)
    expect(events.map((e) => e.event)).toEqual(['transaction.created', 'fund_account.validation.failed', 'transaction.created'])
    expect(events[1].payload['fund_account.validation'].entity).toEqual(done)
    expect(events[2].payload.transaction.entity).toMatchObject({ credit: 150 + FEES, source: { entity: 'reversal', fee: FEES, tax: 36 } })
    await expectLedgerConsistent(s, m.id)
  })
})

describe('VPA validation', () => {
  it('takes no amount (amount and currency null, only the fee is debited) and completes with the contact\'s name', async () => {
    const { m, acct } = await fresh()
    const c = await createContact(m, { name: 'Anita Desai' })
    const fa = await createFundAccount(m, c.id, 'vpa', 'anita.desai@exampleupi')
    // An amount sent for a VPA is ignored: "It is not possible to perform an amount validation" for VPAs.
    const v = await created(m, acct, fa.id, { amount: 5000 })
    expect(v).toMatchObject({ status: 'created', amount: null, currency: null, fund_account: fa, results: { account_status: null, registered_name: null } })
    expect(v.fund_account.vpa).toEqual({ username: 'anita.desai', handle: 'exampleupi', address: 'anita.desai@exampleupi' })
    expect(await balanceOf(m)).toBe(OPENING - FEES)
    await advance(m, 60)
    expect(await fetchValidation(m, v.id)).toMatchObject({
      status: 'completed',
      results: { account_status: 'active', registered_name: 'Anita Desai' },
      utr: null,
    })
    expect(await balanceOf(m)).toBe(OPENING - FEES)
    await expectLedgerConsistent(s, m.id)
  })

  it.each([
    ['failure@razorpay', 'completed', { account_status: 'invalid', registered_name: null }, OPENING - FEES],
    ['timeout@razorpay', 'failed', { account_status: '', registered_name: '' }, OPENING],
  ] as const)('%s → %s', async (address, status, results, balance) => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'vpa', address)
    const v = await created(m, acct, fundAccountId)
    await advance(m, 60)
    expect(await fetchValidation(m, v.id)).toMatchObject({ status, results, utr: null, amount: null })
    expect(await balanceOf(m)).toBe(balance)
    const names = (await eventsOf(s, m.id)).map((e) => e.event)
    expect(names[1]).toBe(`fund_account.validation.${status}`)
    await expectLedgerConsistent(s, m.id)
  })
})

describe('fetch and list', () => {
  it('lists by account_number, newest first, with count/skip/from/to, and hides other merchants\' validations', async () => {
    const { m, acct } = await fresh()
    const bank = await beneficiary(m, 'bank')
    const vpa = await beneficiary(m, 'vpa')
    const a = await created(m, acct, bank.fundAccountId)
    await advance(m, 100)
    const b = await created(m, acct, vpa.fundAccountId)
    await advance(m, 100)
    const c = await created(m, acct, bank.fundAccountId, { amount: 199 })

    const all = await m.http('GET', `/v1/fund_accounts/validations?account_number=${acct}`)
    expect(all.status, all.text).toBe(200)
    expect(all.body.entity).toBe('collection')
    expect(all.body.count).toBe(3)
    expect(all.body.items.map((v: any) => v.id)).toEqual([c.id, b.id, a.id])
    // The list shows each validation as it is now (a and b have been answered).
    expect(all.body.items[2]).toEqual(await fetchValidation(m, a.id))
    expect(all.body.items[2].status).toBe('completed')
    expect(all.body.items[1].fund_account.account_type).toBe('vpa')

    const page = await m.http('GET', `/v1/fund_accounts/validations?account_number=${acct}&count=1&skip=1`)
    expect(page.body.items.map((v: any) => v.id)).toEqual([b.id])
    const window = await m.http('GET', `/v1/fund_accounts/validations?account_number=${acct}&from=${FROZEN + 50}&to=${FROZEN + 150}`)
    expect(window.body.items.map((v: any) => v.id)).toEqual([b.id])
    expect((await m.http('GET', '/v1/fund_accounts/validations?account_number=0000000000000000')).body).toEqual({ entity: 'collection', count: 0, items: [] })

    const other = await s.newMerchant()
    expect((await other.http('GET', `/v1/fund_accounts/validations?account_number=${acct}`)).body.count).toBe(0)
    expectError(await other.http('GET', `/v1/fund_accounts/validations/${a.id}`), 400, { description: 'The id provided does not exist', field: 'id', ...X })
  })

  it('answers fetch and list errors in Razorpay\'s envelope', async () => {
    const { m } = await fresh()
    expectError(await m.http('GET', '/v1/fund_accounts/validations'), 400, { description: 'The account number field is required.', field: 'account_number', ...X })
    expectError(await m.http('GET', '/v1/fund_accounts/validations/fav_00000000000000'), 400, { description: 'The id provided does not exist', field: 'id', ...X })
    expectError(await m.http('GET', '/v1/fund_accounts/validations/fav_x'), 400, { description: 'fav_x is not a valid id.', field: 'id', ...X })
    expectError(await m.http('GET', '/v1/fund_accounts/validations/pout_00000000000000'), 400, {
      description: 'pout_00000000000000 is not a valid id.',
      field: 'id',
      ...X,
    })
    expectError(await m.http('GET', '/v1/fund_accounts/validations?account_number=1&count=101'), 400, {
      description: 'The count may not be greater than 100',
      field: 'count',
      ...VALIDATION,
    })
    // The fund accounts' own routes are untouched by the static /validations path.
    expect((await m.http('GET', '/v1/fund_accounts')).status).toBe(200)
  })
})

describe('create rules', () => {
  it('validates fields, the business account and the fund account, and moves no money on refusal', async () => {
    const { m, acct } = await fresh()
    const bank = await beneficiary(m, 'bank')
    const wallet = await beneficiary(m, 'wallet')
    const card = await beneficiary(m, 'card')
    const body = (over: Record<string, unknown>) => ({ account_number: acct, fund_account: { id: bank.fundAccountId }, amount: 100, currency: 'INR', ...over })
    const cases: [Record<string, unknown>, string, string][] = [
      [{ account_number: undefined }, 'The account number field is required.', 'account_number'],
      [{ account_number: '  ' }, 'The account number field is required.', 'account_number'],
      [{ fund_account: undefined }, 'The fund account field is required.', 'fund_account'],
      [{ fund_account: {} }, 'The fund account[id] field is required.', 'fund_account[id]'],
      [{ currency: 'USD' }, 'The selected currency is invalid.', 'currency'],
      [{ account_number: '1234567890123456' }, 'The RazorpayX Account number is invalid.', 'account_number'],
      [{ fund_account: { id: 'fa_00000000000000' } }, 'The id provided does not exist', 'fund_account[id]'],
      [{ fund_account: { id: 'fa_x' } }, 'fa_x is not a valid id.', 'fund_account[id]'],
      [{ amount: 99 }, 'The amount must be at least 100.', 'amount'],
      [{ amount: 201 }, 'The amount may not be greater than 200.', 'amount'],
      [{ fund_account: { id: wallet.fundAccountId } }, 'Fund account validation is not supported for fund accounts of type wallet.', 'fund_account[id]'],
      [{ fund_account: { id: card.fundAccountId } }, 'Fund account validation is not supported for fund accounts of type card.', 'fund_account[id]'],
    ]
    for (const [over, description, field] of cases) expectError(await validate(m, body(over)), 400, { description, field, ...X })
    // Shape errors keep the standard validation envelope.
    expectError(await validate(m, body({ amount: 'abc' })), 400, { description: 'The amount must be an integer.', field: 'amount', ...VALIDATION })
    expectError(await validate(m, body({ mode: 'IMPS' })), 400, {
      description: 'mode is/are not required and should not be sent',
      field: 'mode',
      ...VALIDATION,
      reason: 'extra_field_sent',
    })
    // Another merchant's fund account does not exist for this one.
    const other = await s.newMerchant()
    const theirs = await beneficiary(other, 'bank')
    expectError(await validate(m, body({ fund_account: { id: theirs.fundAccountId } })), 400, { description: 'The id provided does not exist', field: 'fund_account[id]', ...X })

    expect(await balanceOf(m)).toBe(OPENING)
    expect(await eventsOf(s, m.id)).toEqual([])
    expect((await m.http('GET', `/v1/fund_accounts/validations?account_number=${acct}`)).body.count).toBe(0)
    await expectLedgerConsistent(s, m.id)
  })

  it('refuses a validation the balance cannot cover (insufficient_funds), and takes it once money arrives', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank')
    // Spend all but ₹3 (less than penny + fee = ₹3.36) with one NEFT payout (fee 590).
    const drain = await createPayout(m, payoutBody(acct, fundAccountId, { mode: 'NEFT', amount: OPENING - 590 - 300 }))
    expect(drain.status, drain.text).toBe(200)
    expect(await balanceOf(m)).toBe(300)
    expectError(await validate(m, { account_number: acct, fund_account: { id: fundAccountId } }), 400, {
      description: 'Your account does not have enough balance to carry out the payout operation.',
      ...X,
      reason: 'insufficient_funds',
    })
    expect(await balanceOf(m)).toBe(300)
    await topUp(m, acct, 36)
    const v = await created(m, acct, fundAccountId)
    expect(v.status).toBe('created')
    expect(await balanceOf(m)).toBe(0)
    await advance(m, 60)
    expect((await fetchValidation(m, v.id)).status).toBe('completed')
    await expectLedgerConsistent(s, m.id)
  })

  it('money a failed validation returns lets queued payouts through', async () => {
    const { m, acct } = await fresh()
    const bad = await beneficiary(m, 'bank', '3333333333')
    const ok = await beneficiary(m, 'bank')
    await createPayout(m, payoutBody(acct, ok.fundAccountId, { mode: 'NEFT', amount: OPENING - 590 - 800 }))
    expect(await balanceOf(m)).toBe(800)
    await created(m, acct, bad.fundAccountId) // 800 − 336 = 464 left
    const queued = (await createPayout(m, payoutBody(acct, ok.fundAccountId, { amount: 100, queue_if_low_balance: true }))).body
    expect(queued.status).toBe('queued') // needs 100 + 590
    await advance(m, 60)
    expect((await m.http('GET', `/v1/payouts/${queued.id}`)).body.status).not.toBe('queued')
    expect(await balanceOf(m)).toBe(800 - 690)
    await expectLedgerConsistent(s, m.id)
  })

  it('concurrent validations each debit exactly once', async () => {
    const { m, acct } = await fresh()
    const { fundAccountId } = await beneficiary(m, 'bank', '3333333333')
    const ok = await beneficiary(m, 'bank')
    const rs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => validate(m, { account_number: acct, fund_account: { id: i % 2 ? fundAccountId : ok.fundAccountId } })),
    )
    for (const r of rs) expect(r.status, r.text).toBe(200)
    expect(await balanceOf(m)).toBe(OPENING - 8 * (100 + FEES))
    await advance(m, 60)
    // The four failures came back in full; the four completed ones stay spent.
    expect(await balanceOf(m)).toBe(OPENING - 4 * (100 + FEES))
    await expectLedgerConsistent(s, m.id)
  })
})

describe('webhooks', () => {
  it('delivers fund_account.validation.completed and .failed, signed, with the entity as the payload', async () => {
    const { m, acct } = await fresh()
    const sink = await startSink({ secret: 'whsec_fav' })
    try {
      const hook = await m.http('POST', '/v1/webhooks', {
        url: sink.url,
        secret: 'whsec_fav',
        events: ['fund_account.validation.completed', 'fund_account.validation.failed'],
      })
      expect(hook.status, hook.text).toBe(200)
      const good = await beneficiary(m, 'bank')
      const bad = await beneficiary(m, 'bank', '3333333333')
      const a = await created(m, acct, good.fundAccountId)
      const b = await created(m, acct, bad.fundAccountId)
      await advance(m, 60)
      await advance(m, 1)
      const got = await sink.waitFor(2)
      const byEvent = Object.fromEntries(got.map((r) => [r.body.event, r]))
      for (const r of got) {
        expect(r.signatureValid).toBe(true)
        expect(r.body).toMatchObject({ entity: 'event', account_id: m.id, contains: ['fund_account.validation'] })
      }
      expect(byEvent['fund_account.validation.completed'].body.payload).toEqual({ 'fund_account.validation': { entity: await fetchValidation(m, a.id) } })
      expect(byEvent['fund_account.validation.failed'].body.payload).toEqual({ 'fund_account.validation': { entity: await fetchValidation(m, b.id) } })
    } finally {
      await sink.close()
    }
  })
})
