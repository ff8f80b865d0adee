/**
 * Customers: create with fail_existing, edit (PUT), fetch, list, bank accounts, eligibility —
 * through the SDK where it has a method, raw HTTP for the exact error envelopes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const create = (m: TestMerchant, body: unknown) => m.http('POST', '/v1/customers', body)

describe('POST /v1/customers', () => {
  it('validates the documented fields', async () => {
    const m = s.merchant
    expectError(await create(m, { name: 'Gaurav', contact: '12345' }), 400, {
      description: 'Contact number should be at least 8 digits, including country code',
      field: 'contact',
      step: 'NA',
      reason: 'invalid_contact_number',
    })
    expectError(await create(m, { name: 'Gaurav', email: 'not-an-email' }), 400, { description: 'The email must be a valid email address.', field: 'email' })
    expectError(await create(m, { name: 'Ga' }), 400, { description: 'The name must be at least 3 characters.', field: 'name' })
    expectError(await create(m, { name: 'Gaurav', gstin: '123' }), 400, { description: 'The gstin format is invalid.', field: 'gstin' })
    expectError(await create(m, { name: 'Gaurav', fail_existing: 'maybe' }), 400, { description: 'The selected fail existing is invalid.', field: 'fail_existing' })
    expectError(await create(m, { name: 'Gaurav', age: 3 }), 400, { description: 'age is/are not required and should not be sent', field: 'age', reason: 'extra_field_sent' })
    expectError(await create(m, { name: 'Gaurav', contact: '+91 98765 43210 12' }), 400, { description: 'The contact may not be greater than 15 characters.', field: 'contact' })
  })

  it('fail_existing: "1" (default) refuses the same email and contact, "0" returns the existing customer unchanged', async () => {
    const m = await s.newMerchant()
    const first: any = await m.rzp.customers.create({ name: 'Gaurav Kumar', email: 'g@example.com', contact: '9000090000', notes: { a: '1' } })
    const dup = await create(m, { name: 'Someone Else', email: 'g@example.com', contact: '9000090000' })
    expectError(dup, 400, { description: 'Customer already exists for the merchant' })
    const same: any = await m.rzp.customers.create({ name: 'Someone Else', email: 'g@example.com', contact: '9000090000', fail_existing: '0' } as any)
    expect(same).toEqual(first)
    expect(((await m.rzp.customers.create({ name: 'X Y Z', email: 'g@example.com', contact: '9000090001' })) as any).id).not.toBe(first.id)
    // Neither email nor contact: never "the same details".
    const a: any = await m.rzp.customers.create({ name: 'No Contact' })
    const b: any = await m.rzp.customers.create({ name: 'No Contact' })
    expect(a.id).not.toBe(b.id)
    // Another merchant's identical customer is not this merchant's.
    const other = await s.newMerchant()
    expect(((await other.rzp.customers.create({ name: 'Gaurav Kumar', email: 'g@example.com', contact: '9000090000' })) as any).id).not.toBe(first.id)
  })
})

describe('PUT, GET /v1/customers', () => {
  it('edits the fields sent, refuses an edit into another customer’s details, and fetches', async () => {
    const m = await s.newMerchant()
    const c: any = await m.rzp.customers.create({ name: 'Gaurav Kumar', email: 'g@example.com', contact: '9000090000', notes: { a: '1' } })
    const other: any = await m.rzp.customers.create({ name: 'Other One', email: 'o@example.com', contact: '9000090009' })
    const edited: any = await m.rzp.customers.edit(c.id, { name: 'Gaurav K', notes: { b: '2' } } as any)
    expect(edited).toEqual({ ...c, name: 'Gaurav K', notes: { b: '2' } })
    expect(await m.rzp.customers.fetch(c.id)).toEqual(edited)
    const clash = await m.http('PUT', `/v1/customers/${c.id}`, { email: 'o@example.com', contact: '9000090009' })
    expectError(clash, 400, { description: 'Customer already exists for the merchant' })
    expect(((await m.rzp.customers.fetch(other.id)) as any).email).toBe('o@example.com')
    expectError(await m.http('GET', '/v1/customers/cust_nope'), 400, { description: 'cust_nope is not a valid id', field: 'id' })
    const stranger = await s.newMerchant()
    expectError(await stranger.http('GET', `/v1/customers/${c.id}`), 400, { description: 'The id provided does not exist', field: 'id' })
  })

  it('lists newest first with count and skip, only the merchant’s own', async () => {
    const m = await s.newMerchant()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push(((await m.rzp.customers.create({ name: `Customer ${i}`, contact: `900009000${i}` })) as any).id)
    const all: any = await m.rzp.customers.all()
    expect(all).toMatchObject({ entity: 'collection', count: 3 })
    expect(all.items.map((c: any) => c.id)).toEqual([...ids].reverse())
    const page: any = await m.rzp.customers.all({ count: 1, skip: 1 })
    expect(page.items.map((c: any) => c.id)).toEqual([ids[1]])
  })
})

describe('customer bank accounts', () => {
  it('adds (account number masked, bank name from the IFSC) and deletes', async () => {
    const m = await s.newMerchant()
    const c: any = await m.rzp.customers.create({ name: 'Gaurav Kumar', email: 'g@example.com' })
    const ba: any = await m.rzp.customers.addBankAccount(c.id, {
      ifsc_code: 'UTIB0000194',
      account_number: '916010080000000',
      beneficiary_name: 'Gaurav Kumar',
      beneficiary_city: 'Bangalore',
      beneficiary_country: 'IN',
    } as any)
    expect(ba).toEqual({
      id: expect.stringMatching(/^ba_[0-9A-Za-z]{14}$/),
      entity: 'bank_account',
      ifsc: 'UTIB0000194',
      bank_name: 'Axis Bank',
      name: 'Gaurav Kumar',
      notes: [],
      account_number: 'XXXXXXXXXXX0000',
    })
    expectError(await m.http('POST', `/v1/customers/${c.id}/bank_account`, { ifsc_code: 'ABCD0000000', account_number: '916010080000000' }), 400, {
      description: 'Invalid IFSC Code',
      field: 'ifsc_code',
    })
    const deleted: any = await m.rzp.customers.deleteBankAccount(c.id, ba.id)
    expect(deleted).toEqual({ id: ba.id, ifsc: 'UTIB0000194', bank_name: 'Axis Bank', name: 'Gaurav Kumar', account_number: 'XXXXXXXXXXX0000', status: 'deleted' })
    expectError(await m.http('DELETE', `/v1/customers/${c.id}/bank_account/${ba.id}`), 400, { description: 'The id provided does not exist', field: 'id' })
  })
})

describe('eligibility', () => {
  it('checks affordability instruments and fetches the answer again', async () => {
    const m = await s.newMerchant()
    const c: any = await m.rzp.customers.create({ name: 'Gaurav Kumar', contact: '9000090000' })
    const r: any = await m.rzp.customers.requestEligibilityCheck({
      inquiry: 'affordability',
      amount: 500000,
      currency: 'INR',
      customer: { id: c.id, contact: '+919000090000', ip: '105.106.107.108', referrer: 'https://merchansite.com/example/paybill', user_agent: 'Mozilla/5.0' },
      instruments: [
        { method: 'emi', issuer: 'HDFC', type: 'debit' },
        { method: 'paylater', provider: 'getsimpl' },
        { method: 'card' },
      ],
    } as any)
    expect(r).toMatchObject({ entity: 'eligibility', amount: 500000, currency: 'INR', customer: { id: c.id } })
    expect(r.instruments.map((i: any) => i.eligibility.status)).toEqual(['eligible', 'eligible', 'ineligible'])
    expect(r.instruments[0].eligibility_req_id).toMatch(/^elig_/)
    expect(await m.rzp.customers.fetchEligibility(r.instruments[0].eligibility_req_id)).toEqual(r)
    const e = await sdkError(m.rzp.customers.fetchEligibility('elig_00000000000000'))
    expect(e.error.description).toBe('The id provided does not exist')
  })
})

describe('customer fund accounts use the customer lookup', () => {
  it('refuses a well-formed customer id that does not exist', async () => {
    const m = await s.newMerchant()
    const r = await m.http('POST', '/v1/fund_accounts', {
      customer_id: 'cust_Aa000000000001',
      account_type: 'bank_account',
      bank_account: { name: 'Gaurav Kumar', ifsc: 'HDFC0000053', account_number: '11214311215411' },
    })
    expect([r.status, r.body.error.description, r.body.error.field]).toEqual([400, 'The customer id provided does not exist.', 'customer_id'])
  })
})
