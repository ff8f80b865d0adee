/**
 * Fund accounts: the SDK's `fundAccount.create/fetch` (customer fund accounts) and raw HTTP for
 * RazorpayX contact fund accounts (bank_account, vpa, card, wallet), validation and dedupe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { createContact, HDFC } from '../../support/razorpayx.js'

let s: TestServer
let contactId: string
beforeAll(async () => {
  s = await startTestServer()
  contactId = (await createContact(s.merchant)).id
})
afterAll(() => s.close())

const X = { source: 'business', step: null, reason: 'input_validation_failed' } as const
const bank = (over: Record<string, unknown> = {}) => ({ name: 'Gaurav Kumar', ifsc: HDFC, account_number: '765432123456789', ...over })
const create = (body: unknown, m: TestMerchant = s.merchant) => m.http('POST', '/v1/fund_accounts', body)

/** A customer id: a real one when the customers API exists, else a well-formed one. */
async function customerId(m: TestMerchant): Promise<string> {
  const r = await m.http('POST', '/v1/customers', { name: 'Gaurav Kumar', email: 'gaurav@example.com', fail_existing: 0 })
  return r.status === 200 ? r.body.id : 'cust_Aa000000000001'
}

describe('SDK fundAccount (customer fund accounts)', () => {
  it('creates, deduplicates and lists by customer', async () => {
    const m = await s.newMerchant()
    const cust = await customerId(m)
    const params = { customer_id: cust, account_type: 'bank_account', bank_account: { name: 'Gaurav Kumar', account_number: '11214311215411', ifsc: 'HDFC0000053' } }
    const fa: any = await m.rzp.fundAccount.create(params)
    expect(fa).toEqual({
      id: expect.stringMatching(/^fa_[0-9A-Za-z]{14}$/),
      entity: 'fund_account',
      customer_id: cust,
      account_type: 'bank_account',
      bank_account: { ifsc: 'HDFC0000053', bank_name: 'HDFC Bank', name: 'Gaurav Kumar', notes: [], account_number: '11214311215411' },
      batch_id: null,
      active: true,
      created_at: expect.any(Number),
    })
    const again: any = await m.rzp.fundAccount.create(params)
    expect(again.id).toBe(fa.id)
    const list = await m.rzp.fundAccount.fetch(cust)
    expect(list).toMatchObject({ entity: 'collection', count: 1 })
    expect(list.items[0].id).toBe(fa.id)

    const vpa = await sdkError(m.rzp.fundAccount.create({ customer_id: cust, account_type: 'vpa', vpa: { address: 'a@b' } } as never))
    expect(vpa.statusCode).toBe(400)
    expect(vpa.error.description).toBe('Customer fund accounts can only be of type bank_account.')
    const badId = await sdkError(m.rzp.fundAccount.create({ ...params, customer_id: 'cust_nope' }))
    expect(badId.error).toMatchObject({ description: 'cust_nope is not a valid id.', field: 'customer_id' })
  })
})

describe('POST /v1/fund_accounts (contacts)', () => {
  it('creates a bank account with the bank name from its IFSC, and deduplicates on contact + name + ifsc + number', async () => {
    const r = await create({ contact_id: contactId, account_type: 'bank_account', bank_account: bank() })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      id: expect.stringMatching(/^fa_/),
      entity: 'fund_account',
      contact_id: contactId,
      account_type: 'bank_account',
      bank_account: { ifsc: HDFC, bank_name: 'HDFC Bank', name: 'Gaurav Kumar', notes: [], account_number: '765432123456789' },
      batch_id: null,
      active: true,
      created_at: expect.any(Number),
    })
    const same = await create({ contact_id: contactId, account_type: 'bank_account', bank_account: bank({ ifsc: HDFC.toLowerCase() }) })
    expect(same.body.id).toBe(r.body.id)
    const otherName = await create({ contact_id: contactId, account_type: 'bank_account', bank_account: bank({ name: 'G Kumar' }) })
    const otherIfsc = await create({ contact_id: contactId, account_type: 'bank_account', bank_account: bank({ ifsc: 'ICIC0000001' }) })
    const otherNumber = await create({ contact_id: contactId, account_type: 'bank_account', bank_account: bank({ account_number: '765432123456780' }) })
    const otherContact = await create({ contact_id: (await createContact(s.merchant)).id, account_type: 'bank_account', bank_account: bank() })
    const ids = [r.body.id, otherName.body.id, otherIfsc.body.id, otherNumber.body.id, otherContact.body.id]
    expect(new Set(ids).size).toBe(5)
    expect(otherIfsc.body.bank_account.bank_name).toBe('ICICI Bank')
  })

  it('creates VPA, wallet and card fund accounts', async () => {
    const vpa = await create({ contact_id: contactId, account_type: 'vpa', vpa: { address: 'gaurav.kumar@exampleupi' } })
    expect(vpa.body).toMatchObject({ account_type: 'vpa', vpa: { username: 'gaurav.kumar', handle: 'exampleupi', address: 'gaurav.kumar@exampleupi' } })
    expect((await create({ contact_id: contactId, account_type: 'vpa', vpa: { address: 'gaurav.kumar@exampleupi' } })).body.id).toBe(vpa.body.id)

    const wallet = { provider: 'amazonpay', phone: '9876543210', email: 'gaurav.kumar@example.com', name: 'Gaurav Kumar' }
    const w = await create({ contact_id: contactId, account_type: 'wallet', wallet })
    expect(w.body).toMatchObject({ account_type: 'wallet', wallet: { ...wallet, phone: '+919876543210' } })
    expect((await create({ contact_id: contactId, account_type: 'wallet', wallet: { ...wallet, phone: '+919876543210' } })).body.id).toBe(w.body.id)
    expect((await create({ contact_id: contactId, account_type: 'wallet', wallet: { ...wallet, email: 'x@example.com' } })).body.id).not.toBe(w.body.id)

    const card = await create({ contact_id: contactId, account_type: 'card', card: { number: '4111 1111 1111 1111', name: 'Gaurav Kumar' } })
    expect(card.body.card).toEqual({ name: 'Gaurav Kumar', last4: '1111', network: 'Visa', type: expect.any(String), issuer: null, input_type: 'card' })
    expect(JSON.stringify(card.body)).not.toContain('4111111111111111')
  })

  it.each([
    [{ account_type: 'bank_account', bank_account: bank() }, 'The contact id field is required.', 'contact_id'],
    [{ contact_id: 'cont_1', account_type: 'vpa', vpa: { address: 'a@b' } }, 'cont_1 is not a valid id.', 'contact_id'],
    [{ contact_id: 'cont_00000000000001', account_type: 'vpa', vpa: { address: 'a@b' } }, 'The contact id provided does not exist.', 'contact_id'],
    [{ contact_id: 'C', bank_account: bank() }, 'The account type field is required.', 'account_type'],
    [{ contact_id: 'C', account_type: 'upi' }, 'Invalid account type: upi', 'account_type'],
    [{ contact_id: 'C', account_type: 'bank_account' }, 'The bank account field is required.', 'bank_account'],
    [{ contact_id: 'C', account_type: 'bank_account', bank_account: bank({ ifsc: 'HDFC000053' }) }, 'The IFSC must be 11 characters.', 'bank_account[ifsc]'],
    [{ contact_id: 'C', account_type: 'bank_account', bank_account: bank({ ifsc: 'ABCD0000001' }) }, 'The IFSC ABCD0000001 does not belong to any bank branch.', 'bank_account[ifsc]'],
    [{ contact_id: 'C', account_type: 'bank_account', bank_account: bank({ ifsc: 'HDFC0ZZZZZZ' }) }, 'The IFSC HDFC0ZZZZZZ does not belong to any bank branch.', 'bank_account[ifsc]'],
    [{ contact_id: 'C', account_type: 'bank_account', bank_account: bank({ account_number: '1234' }) }, 'The account number format is invalid.', 'bank_account[account_number]'],
    [{ contact_id: 'C', account_type: 'bank_account', bank_account: bank({ account_number: '1234-5678' }) }, 'The account number format is invalid.', 'bank_account[account_number]'],
    [{ contact_id: 'C', account_type: 'bank_account', bank_account: bank({ name: 'GK' }) }, 'The bank_account[name] must be at least 3 characters.', 'bank_account[name]'],
    [{ contact_id: 'C', account_type: 'vpa', vpa: { address: 'a@b@c' } }, 'The vpa address is invalid: use 3 to 100 letters, digits, "." or "-" with exactly one "@".', 'vpa[address]'],
    [{ contact_id: 'C', account_type: 'vpa', vpa: { address: 'gaurav.kumar' } }, 'The vpa address is invalid: use 3 to 100 letters, digits, "." or "-" with exactly one "@".', 'vpa[address]'],
    [{ contact_id: 'C', account_type: 'card', card: { number: '4111111111111112' } }, 'The card number is invalid.', 'card[number]'],
    [{ contact_id: 'C', account_type: 'wallet', wallet: { provider: 'paytm', phone: '9876543210' } }, 'The selected wallet provider is invalid.', 'wallet[provider]'],
    [{ contact_id: 'C', account_type: 'wallet', wallet: { provider: 'amazonpay', phone: '12345' } }, 'The wallet phone must be a 10 digit number with the country code, e.g. +919876543210.', 'wallet[phone]'],
    [{ contact_id: 'C', account_type: 'vpa', vpa: { address: 'a@b.c' }, bank_account: bank() }, 'bank_account is/are not required and should not be sent', 'bank_account'],
  ])('refuses %j', async (body, description, field) => {
    const b = { ...(body as Record<string, unknown>) }
    if (b.contact_id === 'C') b.contact_id = contactId
    const r = await create(b)
    expectError(r, 400, { description, field, ...X, ...(description.includes('should not be sent') ? { reason: 'extra_field_sent' } : {}) })
  })
})

describe('GET/PATCH /v1/fund_accounts', () => {
  it('fetches, lists with filters and only toggles active', async () => {
    const m = await s.newMerchant()
    const c = await createContact(m)
    const fa = (await create({ contact_id: c.id, account_type: 'bank_account', bank_account: bank() }, m)).body
    const v = (await create({ contact_id: c.id, account_type: 'vpa', vpa: { address: 'someone@okbank' } }, m)).body
    expect((await m.http('GET', `/v1/fund_accounts/${fa.id}`)).body).toEqual(fa)
    expect((await m.http('GET', '/v1/fund_accounts')).body.items.map((f: any) => f.id)).toEqual([v.id, fa.id])
    expect((await m.http('GET', '/v1/fund_accounts?account_type=vpa')).body.items.map((f: any) => f.id)).toEqual([v.id])
    expect((await m.http('GET', `/v1/fund_accounts?contact_id=${c.id}`)).body.count).toBe(2)

    const off = await m.http('PATCH', `/v1/fund_accounts/${fa.id}`, { active: false })
    expect(off.status).toBe(200)
    expect(off.body).toEqual({ ...fa, active: false })
    expect((await m.http('GET', `/v1/fund_accounts/${fa.id}`)).body.active).toBe(false)
    const edit = await m.http('PATCH', `/v1/fund_accounts/${fa.id}`, { bank_account: bank({ name: 'Someone Else' }) })
    expect(edit.status).toBe(400)
    expect(edit.body.error.description).toBe('bank_account is/are not required and should not be sent')
    expectError(await m.http('PATCH', `/v1/fund_accounts/${fa.id}`, {}), 400, { description: 'The active field is required.', field: 'active', ...X })
    // null and '' count as not sent (docs/api.md "Request bodies"): never coerced to false.
    const on = await m.http('PATCH', `/v1/fund_accounts/${fa.id}`, { active: true })
    expect(on.body.active).toBe(true)
    for (const active of [null, '']) {
      expectError(await m.http('PATCH', `/v1/fund_accounts/${fa.id}`, { active }), 400, { description: 'The active field is required.', field: 'active', ...X })
      expect((await m.http('GET', `/v1/fund_accounts/${fa.id}`)).body.active).toBe(true)
    }
    expectError(await s.merchant.http('GET', `/v1/fund_accounts/${fa.id}`), 400, { description: 'The id provided does not exist', field: 'id', ...X })
  })
})
