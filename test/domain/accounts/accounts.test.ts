/**
 * Route linked accounts (/v2/accounts, type "route"): create, fetch, edit, delete (suspend), the
 * 24-hour cooling period on the merchant's clock and its sandbox shortcut, and acting as a linked
 * account with X-Razorpay-Account (it sees its own transfers, payments and settlements, nothing else).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectError, NA } from '../../support/envelope.js'
import Razorpay from 'razorpay'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { assertLedgerBalanced } from '../../support/ledger.js'
import { accountBody, advance, asAccount, direct, fund, linkedAccount } from '../transfers/support.js'

let s: TestServer
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ realNow: () => FROZEN })
})
afterAll(() => s.close())
afterEach(() => assertLedgerBalanced(s))

const NOT_FOUND = { description: 'Linked account does not exist', source: '', step: '', reason: 'linked_account_id_does_not_exist' }

describe('linked accounts', () => {
  it('creates, fetches, edits and suspends a route account through the SDK', async () => {
    const m = await s.newMerchant()
    const body = accountBody({ notes: { internal_ref: 'r1' } })
    const a: any = await m.rzp.accounts.create(body as any)
    expect(Object.keys(a)).toEqual([
      'id', 'type', 'reference_id', 'status', 'email', 'profile', 'notes', 'created_at', 'phone', 'business_type',
      'legal_business_name', 'customer_facing_business_name', 'legal_info', 'apps', 'brand', 'contact_name', 'contact_info',
    ])
    expect(a).toMatchObject({
      id: expect.stringMatching(/^acc_[0-9A-Za-z]{14}$/),
      type: 'route',
      status: 'created',
      email: body.email,
      phone: '9000090000',
      reference_id: body.reference_id,
      legal_business_name: 'Acme Corp',
      customer_facing_business_name: 'Acme Corp',
      business_type: 'partnership',
      contact_name: 'Gaurav Kumar',
      notes: { internal_ref: 'r1' },
      created_at: FROZEN,
      legal_info: { pan: 'AAACL1234C', gst: '18AABCU9603R1ZM' },
      profile: { category: 'healthcare', subcategory: 'clinic', business_model: null, addresses: { registered: { city: 'Bengaluru', postal_code: '560034' } } },
      contact_info: { support: { email: null, phone: null, policy_url: null } },
    })
    expect(await m.rzp.accounts.fetch(a.id)).toEqual(a)

    // PATCH merges nested objects and keeps the billing label following the legal name.
    const edited: any = await m.rzp.accounts.edit(a.id, {
      legal_business_name: 'Acme Corp V2',
      profile: { addresses: { operation: { street1: '5071, Koramangala 6th block', city: 'Bengaluru', state: 'KARNATAKA', postal_code: 560047, country: 'IN' } } },
    } as any)
    expect(edited).toMatchObject({
      legal_business_name: 'Acme Corp V2',
      customer_facing_business_name: 'Acme Corp V2',
      profile: { category: 'healthcare', addresses: { registered: { city: 'Bengaluru' }, operation: { postal_code: '560047' } } },
    })
    expectError(await m.http('PATCH', `/v2/accounts/${a.id}`, { email: 'x@example.com' }), 400, {
      description: 'email is/are not required and should not be sent',
      field: 'email',
      reason: 'extra_field_sent',
    })

    const deleted: any = await m.rzp.accounts.delete(a.id)
    expect(deleted).toMatchObject({ id: a.id, status: 'suspended', suspended_at: FROZEN })
    expect(Object.keys(deleted).indexOf('suspended_at')).toBe(Object.keys(deleted).indexOf('created_at') + 1)
    expect(await m.rzp.accounts.fetch(a.id)).toEqual(deleted)
  })

  it('answers the documented "does not exist" for unknown and other merchants\' accounts', async () => {
    const m = await s.newMerchant()
    const other = await s.newMerchant()
    const theirs = await linkedAccount(other)
    for (const id of [theirs, 'acc_00000000000000', 'nope']) {
      expectError(await m.http('GET', `/v2/accounts/${id}`), 400, NOT_FOUND)
      expectError(await m.http('PATCH', `/v2/accounts/${id}`, { phone: '9000090001' }), 400, NOT_FOUND)
      expectError(await m.http('DELETE', `/v2/accounts/${id}`), 400, NOT_FOUND)
    }
    const e = await sdkError(m.rzp.accounts.fetch(theirs))
    expect(e.statusCode).toBe(400)
  })

  it('validates the documented fields with Razorpay\'s texts', async () => {
    const m = await s.newMerchant()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ type: 'standard' }, 'Invalid type: standard', 'type'],
      [{ type: undefined }, 'The type field is required.', 'type'],
      [{ business_type: 'xyz' }, 'Invalid business type: xyz', 'business_type'],
      [{ email: 'not-an-email' }, 'The email must be a valid email address.', 'email'],
      [{ email: undefined }, 'The email field is required.', 'email'],
      [{ phone: '12345' }, 'The phone must be between 8 and 15 digits.', 'phone'],
      [{ legal_business_name: 'Abc' }, 'The legal business name must be at least 4 characters.', 'legal_business_name'],
      [{ legal_business_name: 'www.acme.com' }, 'Please enter a valid name. Links, emails and HTML tags are not allowed.', 'legal_business_name'],
      [{ contact_name: undefined }, 'The contact name field is required.', 'contact_name'],
      [{ reference_id: 'ab' }, 'The code must be at least 3 characters.', 'reference_id'],
      [{ reference_id: 'a b c' }, 'The code format is invalid.', 'reference_id'],
      [{ profile: undefined }, 'The profile field is required.', 'profile'],
      [{ profile: { category: 'healthcare', subcategory: 'saas', addresses: {} } }, 'Invalid business subcategory: saas for category: healthcare', 'profile.subcategory'],
      [{ profile: { category: 'spaceflight', subcategory: 'x' } }, 'Invalid business category: spaceflight', 'profile.category'],
      [{ profile: { category: 'healthcare', subcategory: 'clinic', addresses: {} } }, 'The profile.addresses.registered field is required.', 'profile.addresses.registered'],
      [
        { profile: { category: 'healthcare', subcategory: 'clinic', addresses: { registered: { street1: 'a', city: 'b', state: 'KA', postal_code: '5600', country: 'IN' } } } },
        'The postal code must be exactly 6 digits.',
        'profile.addresses.registered.postal_code',
      ],
      [{ legal_info: { pan: 'AAAXL1234C' } }, 'The pan field is invalid.', 'legal_info.pan'],
    ]
    for (const [over, description, field] of cases) {
      expectError(await m.http('POST', '/v2/accounts', accountBody(over)), 400, { description, field })
    }
    expectError(await m.http('POST', '/v2/accounts', accountBody({ colour: 'red' })), 400, {
      description: 'colour is/are not required and should not be sent',
      field: 'colour',
      reason: 'extra_field_sent',
    })
    const first = await m.http('POST', '/v2/accounts', accountBody({ email: 'dup@example.com' }))
    expect(first.status).toBe(200)
    expectError(await m.http('POST', '/v2/accounts', accountBody({ email: 'DUP@example.com' })), 400, {
      description: `Merchant email already exists for account - ${first.body.id.slice(4)}`,
      field: 'email',
    })
  })

  it('takes transfers only after the 24-hour cooling period on the merchant\'s clock, or once activated', async () => {
    const m = await s.newMerchant()
    await fund(m, 1_00_000)
    const cooling = await linkedAccount(m, { cooling: true })
    const r = await direct(m, { account: cooling, amount: 1000, currency: 'INR' })
    expect(r.status).toBe(400)
    expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', field: 'account' })
    expect(r.body.error.description).toContain('24-hour cooling period')
    await advance(m, 86400 - 1)
    expect((await direct(m, { account: cooling, amount: 1000, currency: 'INR' })).status).toBe(400)
    await advance(m, 1)
    expect((await direct(m, { account: cooling, amount: 1000, currency: 'INR' })).status).toBe(200)

    const activated = await linkedAccount(m)
    expect((await direct(m, { account: activated, amount: 1000, currency: 'INR' })).status).toBe(200)

    // Suspended accounts take nothing, and cannot be activated.
    await m.http('DELETE', `/v2/accounts/${activated}`)
    const refused = await direct(m, { account: activated, amount: 1000, currency: 'INR' })
    expectError(refused, 400, { description: `The linked account ${activated} is suspended and cannot receive transfers.`, field: 'account' })
    expectError(await m.http('POST', `/_sandbox/accounts/${activated}/activate`), 400, {
      description: 'The linked account is suspended; a suspended account cannot be activated.',
      field: 'id',
    })
  })
})

describe('X-Razorpay-Account', () => {
  it('lets a linked account read its own transfers, payments and settlements, and nothing else', async () => {
    const m = await s.newMerchant()
    await fund(m, 1_00_000)
    const a = await linkedAccount(m)
    const b = await linkedAccount(m)
    const ta = (await direct(m, { account: a, amount: 1000, currency: 'INR', notes: { region: 'south', secret: 'x' }, linked_account_notes: ['region'] })).body
    const tb = (await direct(m, { account: b, amount: 2000, currency: 'INR' })).body
    const asA = asAccount(m, a)

    const list = await asA('GET', '/v1/transfers')
    expect(list.status, list.text).toBe(200)
    expect(list.body.items.map((t: any) => t.id)).toEqual([ta.id])
    // The linked account sees only the note keys its parent chose to share.
    expect(list.body.items[0].notes).toEqual({ region: 'south' })
    expect((await asA('GET', `/v1/transfers/${ta.id}`)).body.id).toBe(ta.id)
    expectError(await asA('GET', `/v1/transfers/${tb.id}`), 400, { description: 'The id provided does not exist', field: 'id' })

    // Its payments: one per transfer it received, method "transfer" (SDK with the header it whitelists).
    const sdk = new Razorpay({ key_id: m.keyId, key_secret: m.keySecret, headers: { 'X-Razorpay-Account': a } })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    ;(sdk as any).api.rq.defaults.baseURL = s.url
    const payments: any = await sdk.payments.all()
    expect(payments.items).toHaveLength(1)
    expect(payments.items[0]).toMatchObject({ entity: 'payment', amount: 1000, status: 'captured', method: 'transfer', captured: true, notes: { region: 'south' } })
    expect(((await sdk.payments.fetch(payments.items[0].id)) as any).id).toBe(payments.items[0].id)
    // The parent does not see the linked account's payments among its own.
    expect(((await m.rzp.payments.all()) as any).items).toHaveLength(0)

    // Its settlements only.
    await advance(m, 5 * 86400)
    const setl = await asA('GET', '/v1/settlements')
    expect(setl.body.items).toHaveLength(1)
    expect(setl.body.items[0]).toMatchObject({ entity: 'settlement', amount: 1000 })
    expect((await asA('GET', `/v1/settlements/${setl.body.items[0].id}`)).body.amount).toBe(1000)
    expect((await m.http('GET', '/v1/settlements')).body.items).toHaveLength(0)

    // Nothing else: writes, other resources, sandbox.
    for (const [method, path, body] of [
      ['POST', '/v1/orders', { amount: 1000, currency: 'INR' }],
      ['POST', '/v1/transfers', { account: b, amount: 1000, currency: 'INR' }],
      ['GET', '/v1/orders'],
      ['GET', '/v1/refunds'],
      ['POST', `/v1/transfers/${ta.id}/reversals`, {}],
      ['POST', '/_sandbox/clock', { advance_by: 1 }],
    ] as [string, string, unknown][]) {
      const r = await asA(method, path, body)
      expect(r.status, `${method} ${path}`).toBe(400)
      expect(r.body.error.description).toContain('can only read its own transfers, payments and settlements')
    }
  })

  it('refuses an account that is not one of the merchant\'s linked accounts; the merchant\'s own id is a no-op', async () => {
    const m = await s.newMerchant()
    const other = await s.newMerchant()
    const theirs = await linkedAccount(other)
    for (const acc of [theirs, other.id, 'acc_00000000000000', 'garbage']) {
      expectError(await m.http('GET', '/v1/payments', undefined, { 'X-Razorpay-Account': acc }), 400, {
        description: 'The id provided does not exist',
        field: 'X-Razorpay-Account',
        ...NA,
      })
    }
    const self = await m.http('GET', '/v1/orders', undefined, { 'X-Razorpay-Account': m.id })
    expect(self.status).toBe(200)
  })
})
