/** RazorpayX contacts through raw HTTP (the SDK has no contacts resource). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { startTestServer, type TestServer } from '../../support/harness.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const X = { source: 'business', step: null, reason: 'input_validation_failed' } as const
const full = {
  name: 'Gaurav Kumar',
  email: 'gaurav.kumar@example.com',
  contact: '9000090000',
  type: 'employee',
  reference_id: 'Acme Contact ID 12345',
  notes: { notes_key_1: 'Tea, Earl Grey, Hot' },
}

describe('POST /v1/contacts', () => {
  it('creates a contact with the documented entity', async () => {
    const r = await s.merchant.http('POST', '/v1/contacts', full)
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      id: expect.stringMatching(/^cont_[0-9A-Za-z]{14}$/),
      entity: 'contact',
      name: 'Gaurav Kumar',
      contact: '9000090000',
      email: 'gaurav.kumar@example.com',
      type: 'employee',
      reference_id: 'Acme Contact ID 12345',
      batch_id: null,
      active: true,
      notes: { notes_key_1: 'Tea, Earl Grey, Hot' },
      created_at: expect.any(Number),
    })
    const minimal = await s.merchant.http('POST', '/v1/contacts', { name: 'Only A Name' })
    expect(minimal.body).toMatchObject({ name: 'Only A Name', email: null, contact: null, type: null, reference_id: null, notes: [] })
  })

  it('returns the existing contact when name, email, contact, type and reference_id all match', async () => {
    const body = { ...full, reference_id: 'dedupe-1' }
    const a = await s.merchant.http('POST', '/v1/contacts', body)
    const b = await s.merchant.http('POST', '/v1/contacts', { ...body, notes: { other: 'notes are not compared' } })
    expect(b.status).toBe(200)
    expect(b.body.id).toBe(a.body.id)
    expect(b.body.notes).toEqual(a.body.notes)
    for (const change of [{ email: 'other@example.com' }, { contact: '9000090001' }, { type: 'vendor' }, { reference_id: 'dedupe-2' }, { name: 'Gaurav Kumar.' }]) {
      const c = await s.merchant.http('POST', '/v1/contacts', { ...body, ...change })
      expect(c.status).toBe(200)
      expect(c.body.id).not.toBe(a.body.id)
    }
    // A missing field matches only a missing field.
    const noEmail = await s.merchant.http('POST', '/v1/contacts', { name: 'No Email', reference_id: 'dedupe-3' })
    const noEmailAgain = await s.merchant.http('POST', '/v1/contacts', { name: 'No Email', reference_id: 'dedupe-3', email: null })
    expect(noEmailAgain.body.id).toBe(noEmail.body.id)
    // Another merchant never gets this merchant's contact.
    const other = await s.newMerchant()
    const theirs = await other.http('POST', '/v1/contacts', body)
    expect(theirs.body.id).not.toBe(a.body.id)
  })

  it.each([
    [{}, 'The name field is required.', 'name'],
    [{ name: '' }, 'The name field is required.', 'name'],
    [{ name: 'Ab' }, 'The name must be at least 3 characters.', 'name'],
    [{ name: 'x'.repeat(51) }, 'The name may not be greater than 50 characters.', 'name'],
    [{ name: 'Gaurav <Kumar>' }, 'The name field is invalid.', 'name'],
    [{ name: 'Gaurav Kumar-' }, 'The name field is invalid.', 'name'],
    [{ name: 'Gaurav', type: 'Employee' }, 'Invalid type: Employee', 'type'],
    [{ name: 'Gaurav', type: 'contractor' }, 'Invalid type: contractor', 'type'],
    [{ name: 'Gaurav', reference_id: 'r'.repeat(41) }, 'The reference id may not be greater than 40 characters.', 'reference_id'],
    [{ name: 'Gaurav', email: 'not-an-email' }, 'The email must be a valid email address.', 'email'],
    [{ name: 'Gaurav', contact: '12ab' }, 'The contact format is invalid.', 'contact'],
  ])('refuses %j', async (body, description, field) => {
    expectError(await s.merchant.http('POST', '/v1/contacts', body), 400, { description, field, ...X })
  })

  it('refuses unknown fields', async () => {
    const r = await s.merchant.http('POST', '/v1/contacts', { name: 'Gaurav', nickname: 'G' })
    expect(r.status).toBe(400)
    expect(r.body.error.description).toBe('nickname is/are not required and should not be sent')
  })
})

describe('GET/PATCH /v1/contacts', () => {
  it('fetches, lists with filters, updates and deactivates', async () => {
    const m = await s.newMerchant()
    const a = (await m.http('POST', '/v1/contacts', { name: 'Alpha Vendor', type: 'vendor', reference_id: 'A-1' })).body
    const b = (await m.http('POST', '/v1/contacts', { name: 'Beta Employee', type: 'employee', email: 'beta@example.com' })).body
    expect((await m.http('GET', `/v1/contacts/${a.id}`)).body).toEqual(a)

    const all = await m.http('GET', '/v1/contacts')
    expect(all.body).toMatchObject({ entity: 'collection', count: 2 })
    expect(all.body.items.map((c: any) => c.id)).toEqual([b.id, a.id])
    expect((await m.http('GET', '/v1/contacts?type=vendor')).body.items.map((c: any) => c.id)).toEqual([a.id])
    expect((await m.http('GET', '/v1/contacts?email=beta@example.com')).body.items.map((c: any) => c.id)).toEqual([b.id])
    expect((await m.http('GET', '/v1/contacts?reference_id=A-1')).body.count).toBe(1)
    expect((await m.http('GET', '/v1/contacts?count=1&skip=1')).body.items.map((c: any) => c.id)).toEqual([a.id])

    const updated = await m.http('PATCH', `/v1/contacts/${a.id}`, { name: 'Alpha Vendor Ltd.', notes: { k: 'v' } })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ id: a.id, name: 'Alpha Vendor Ltd.', type: 'vendor', notes: { k: 'v' }, active: true })
    const off = await m.http('PATCH', `/v1/contacts/${a.id}`, { active: false })
    expect(off.body.active).toBe(false)
    expect((await m.http('GET', '/v1/contacts?active=0')).body.items.map((c: any) => c.id)).toEqual([a.id])
    expect((await m.http('GET', '/v1/contacts?active=1')).body.items.map((c: any) => c.id)).toEqual([b.id])
    expect((await m.http('PATCH', `/v1/contacts/${a.id}`, { active: true })).body.active).toBe(true)
    // null (or '' for a boolean) is "not sent": the contact stays active, nothing is coerced to false.
    for (const active of [null, '']) {
      const same = await m.http('PATCH', `/v1/contacts/${a.id}`, { active })
      expect(same.status).toBe(200)
      expect(same.body.active).toBe(true)
    }
    expectError(await m.http('PATCH', `/v1/contacts/${a.id}`, { type: 'nobody' }), 400, { description: 'Invalid type: nobody', field: 'type', ...X })
  })

  it('answers unknown and malformed ids, and hides other merchants\' contacts', async () => {
    const a = (await s.merchant.http('POST', '/v1/contacts', { name: 'Private Person' })).body
    const other = await s.newMerchant()
    expectError(await other.http('GET', `/v1/contacts/${a.id}`), 400, { description: 'The id provided does not exist', field: 'id', ...X })
    expectError(await other.http('PATCH', `/v1/contacts/${a.id}`, { active: false }), 400, {
      description: 'The id provided does not exist',
      field: 'id',
      ...X,
    })
    expectError(await s.merchant.http('GET', '/v1/contacts/cont_123'), 400, { description: 'cont_123 is not a valid id.', field: 'id', ...X })
    expect((await s.merchant.http('GET', `/v1/contacts/${a.id}`)).body.active).toBe(true)
  })
})
