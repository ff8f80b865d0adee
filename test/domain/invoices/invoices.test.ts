/**
 * Invoices and items through the SDK: create (issued or draft), edit drafts, issue, delete, cancel,
 * notify, list filters, the documented "Operation not allowed for Invoice in <status> status."
 * errors, and paying an invoice with partial payments on its hosted page (invoice.partially_paid,
 * then invoice.paid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { eventsOf } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
let m: TestMerchant
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
  m = s.merchant
})
afterAll(() => s.close())

const customer = { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', contact: '9000090000' }

describe('items', () => {
  it('creates, fetches, lists, edits and deletes', async () => {
    const item: any = await m.rzp.items.create({ name: 'Book / English August', description: 'An Indian story, Booker prize winner.', amount: 20000, currency: 'INR' })
    expect(item).toEqual({
      id: expect.stringMatching(/^item_/),
      active: true,
      name: 'Book / English August',
      description: 'An Indian story, Booker prize winner.',
      amount: 20000,
      unit_amount: 20000,
      currency: 'INR',
      type: 'invoice',
      unit: null,
      tax_inclusive: false,
      hsn_code: null,
      sac_code: null,
      tax_rate: null,
      tax_id: null,
      tax_group_id: null,
      created_at: expect.any(Number),
    })
    expect(await m.rzp.items.fetch(item.id)).toEqual(item)
    const edited: any = await m.rzp.items.edit(item.id, { amount: 25000, active: false } as any)
    expect(edited).toMatchObject({ amount: 25000, unit_amount: 25000, active: false })
    expect(((await m.rzp.items.all()) as any).items.map((i: any) => i.id)).toContain(item.id)
    expect(await m.rzp.items.delete(item.id)).toEqual([])
    expect((await sdkError(m.rzp.items.fetch(item.id) as any)).error.description).toBe('The id provided does not exist')
  })
})

describe('invoices', () => {
  it('creates an issued invoice from line items (an item and ad-hoc ones), with its order and short URL', async () => {
    const item: any = await m.rzp.items.create({ name: 'Cloud book', amount: 399, currency: 'INR' })
    const inv: any = await m.rzp.invoices.create({
      type: 'invoice',
      description: 'Invoice for the month of January 2020',
      customer,
      line_items: [{ item_id: item.id, quantity: 2 }, { name: 'Shipping', amount: 1000 }],
      receipt: 'INV-1',
      sms_notify: 1,
      email_notify: 1,
    } as any)
    expect(inv).toMatchObject({
      entity: 'invoice',
      type: 'invoice',
      status: 'issued',
      invoice_number: 'INV-1',
      receipt: 'INV-1',
      customer_id: expect.stringMatching(/^cust_/),
      customer_details: { name: 'Gaurav Kumar', email: 'gaurav.kumar@example.com', customer_name: 'Gaurav Kumar' },
      order_id: expect.stringMatching(/^order_/),
      amount: 1798,
      gross_amount: 1798,
      taxable_amount: 1798,
      tax_amount: 0,
      amount_due: 1798,
      short_url: `${s.url}/i/${inv.id}`,
      sms_status: 'pending',
      email_status: 'pending',
    })
    expect(inv.line_items).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^li_/), item_id: item.id, name: 'Cloud book', amount: 399, unit_amount: 399, quantity: 2, gross_amount: 798, net_amount: 798, type: 'invoice', taxes: [] }),
      expect.objectContaining({ item_id: null, name: 'Shipping', amount: 1000, quantity: 1, gross_amount: 1000 }),
    ])
    expect(await m.rzp.orders.fetch(inv.order_id)).toMatchObject({ amount: 1798, receipt: 'INV-1', customer_id: inv.customer_id })
    expect(((await m.rzp.invoices.all({ receipt: 'INV-1' } as any)) as any).items.map((i: any) => i.id)).toEqual([inv.id])
    expect(((await m.rzp.invoices.all({ customer_id: inv.customer_id, type: 'link' } as any)) as any).count).toBe(0)
  })

  it('refuses what the docs refuse', async () => {
    const bad = (body: unknown) => m.http('POST', '/v1/invoices', body)
    expectError(await bad({ type: 'invoice', line_items: [{ name: 'A', amount: 100 }] }), 400, { description: 'customer is required.', field: 'customer' })
    expectError(await bad({ type: 'invoice', customer }), 400, { description: 'line_items is required.', field: 'line_items' })
    expectError(await bad({ type: 'invoice', customer, currency: 'INR', line_items: [{ name: 'A', amount: 100, currency: 'USD' }] }), 400, {
      description: 'Currency of all items should be the same as of the invoice.',
      field: 'line_items[0][currency]',
    })
    expectError(await bad({ type: 'invoice', customer, line_items: [{ name: 'A', amount: 1000 }], expire_by: Math.floor(Date.now() / 1000) + 600 }), 400, {
      description: 'expire_by should be at least 15 minutes after current time.',
      field: 'expire_by',
    })
    const items = [{ name: 'A', amount: 1000 }]
    // An invoice's amount is its line items' sum: both at once is refused, not silently resolved.
    expectError(await bad({ type: 'invoice', customer, amount: 99999, line_items: items }), 400, {
      description: 'amount is/are not required and should not be sent',
      field: 'amount',
      reason: 'extra_field_sent',
    })
    for (const [field, value] of [['date', -1], ['date', 4765046401], ['expire_by', 4765046401]] as const)
      expectError(await bad({ type: 'invoice', customer, line_items: items, [field]: value }), 400, {
        description: `${field} must be between 946684800 and 4765046400`,
        field,
      })
    expectError(await bad({ type: 'invoice', customer, line_items: items, expire_by: 1e20 }), 400, { description: 'The expire_by must be an integer.', field: 'expire_by' })
    // customer{}: name is mandatory on invoices (RT:api/payments/invoices/create-with-details.md).
    for (const c of [{}, { email: 'only.email@example.com' }, { name: '  ', contact: '9000090000' }])
      expectError(await bad({ type: 'invoice', customer: c, line_items: items }), 400, { description: 'The customer[name] field is required.', field: 'customer[name]' })
  })

  it('keeps the customer\'s billing and shipping addresses on customer_details, each with an addr_ id', async () => {
    const address = { line1: 'Ground & 1st Floor, SJR Cyber Laskar', line2: 'Hosur Road', zipcode: '560068', city: 'Bengaluru', state: 'Karnataka', country: 'in' }
    const inv: any = await m.rzp.invoices.create({
      type: 'invoice',
      customer: { name: 'Gaurav Kumar', email: 'gk.address@example.com', contact: '9123456780', billing_address: address, shipping_address: { ...address, line2: undefined, zipcode: 560001 } },
      line_items: [{ name: 'Master Cloud Computing in 30 Days', amount: 399, currency: 'INR', quantity: 1 }],
    } as any)
    expect(inv.customer_details.billing_address).toEqual({ id: expect.stringMatching(/^addr_[0-9A-Za-z]{14}$/), type: 'billing_address', primary: true, ...address })
    expect(inv.customer_details.shipping_address).toEqual({
      id: expect.stringMatching(/^addr_[0-9A-Za-z]{14}$/),
      type: 'shipping_address',
      primary: true,
      ...address,
      line2: null,
      zipcode: '560001',
    })
    expect(inv.customer_details.shipping_address.id).not.toBe(inv.customer_details.billing_address.id)
    expect((await m.rzp.invoices.fetch(inv.id)).customer_details).toEqual(inv.customer_details)
    const bad = (c: Record<string, unknown>) => m.http('POST', '/v1/invoices', { type: 'invoice', customer: { name: 'Gaurav Kumar', ...c }, line_items: [{ name: 'A', amount: 1000 }] })
    const { city: _city, ...noCity } = address
    expectError(await bad({ billing_address: noCity }), 400, { description: 'The customer[billing_address][city] field is required.', field: 'customer[billing_address][city]' })
    expectError(await bad({ shipping_address: { ...address, floor: 3 } }), 400, {
      description: 'customer[shipping_address][floor] is/are not required and should not be sent',
      field: 'customer[shipping_address][floor]',
      reason: 'extra_field_sent',
    })
    expectError(await bad({ billing_address: 'Bengaluru' }), 400, { description: 'The customer[billing_address] must be an array.', field: 'customer[billing_address]' })
  })

  it('registration links need the customer\'s name, email and contact (RT:…/emandate/create-authorization-transaction.md)', async () => {
    const link = (c: Record<string, unknown>) =>
      m.http('POST', '/v1/subscription_registration/auth_links', {
        customer: c,
        type: 'link',
        amount: 0,
        currency: 'INR',
        description: 'Registration',
        subscription_registration: { method: 'emandate', max_amount: 500000 },
      })
    const customersBefore = (await m.http('GET', '/v1/customers?count=100')).body.count
    for (const [c, missing] of [
      [{}, 'name'],
      [{ name: 'Only Name' }, 'email'],
      [{ name: 'Gaurav Kumar', email: 'gk.reg@example.com' }, 'contact'],
      [{ email: 'gk.reg@example.com', contact: '9123456780' }, 'name'],
    ] as const)
      expectError(await link(c), 400, { description: `The customer[${missing}] field is required.`, field: `customer[${missing}]` })
    expect((await m.http('GET', '/v1/customers?count=100')).body.count).toBe(customersBefore)
    const ok = await link({ name: 'Gaurav Kumar', email: 'gk.reg@example.com', contact: '9123456780' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ entity: 'invoice', type: 'link', customer_details: { name: 'Gaurav Kumar', email: 'gk.reg@example.com', contact: '9123456780' } })
  })

  it('drafts: edit, issue once, delete only while draft', async () => {
    const draft: any = await m.rzp.invoices.create({ type: 'invoice', draft: '1', customer, line_items: [{ name: 'A', amount: 1000 }] } as any)
    expect(draft).toMatchObject({ status: 'draft', order_id: null, short_url: null, issued_at: null, amount: 1000 })
    const edited: any = await m.rzp.invoices.edit(draft.id, { line_items: [{ name: 'B', amount: 2500 }], notes: { k: 'v' } } as any)
    expect(edited).toMatchObject({ status: 'draft', amount: 2500, notes: { k: 'v' } })
    const issued: any = await m.rzp.invoices.issue(draft.id)
    expect(issued).toMatchObject({ status: 'issued', amount: 2500, order_id: expect.stringMatching(/^order_/), short_url: `${s.url}/i/${draft.id}` })
    expect((await sdkError(m.rzp.invoices.issue(draft.id))).error.description).toBe('Operation not allowed for Invoice in issued status.')
    expect((await sdkError(m.rzp.invoices.edit(draft.id, { notes: {} }))).error.description).toBe('Operation not allowed for Invoice in issued status.')
    expect((await sdkError(m.rzp.invoices.delete(draft.id))).error.description).toBe('Operation not allowed for Invoice in issued status.')
    const other: any = await m.rzp.invoices.create({ type: 'invoice', draft: 1, customer, line_items: [{ name: 'C', amount: 100 }] } as any)
    expect(await m.rzp.invoices.delete(other.id)).toEqual([])
    expect((await sdkError(m.rzp.invoices.fetch(other.id))).error.description).toBe('The id provided does not exist')
    const cancelled: any = await m.rzp.invoices.cancel(draft.id)
    expect(cancelled.status).toBe('cancelled')
    expect((await sdkError(m.rzp.invoices.notifyBy(draft.id, 'sms'))).error.description).toBe('Operation not allowed for Invoice in cancelled status.')
    expect((await sdkError(m.rzp.invoices.notifyBy(issued.id, 'fax' as any))).error.field).toBe('medium')
  })

  it('a link with partial payments is paid in two parts on its hosted page: partially_paid, then paid', async () => {
    const inv: any = await m.rzp.invoices.create({ type: 'link', amount: 50000, description: 'Course fee', customer, partial_payment: 1, first_payment_min_amount: 10000 } as any)
    expect(inv).toMatchObject({ type: 'link', status: 'issued', partial_payment: true, first_payment_min_amount: 10000, amount: 50000 })
    const pay = async (amount: number) => {
      const started = await s.raw('POST', '/v1/checkout/payments', {
        body: JSON.stringify({ key_id: m.keyId, order_id: inv.order_id, amount, currency: 'INR', email: customer.email, contact: customer.contact, method: 'upi', vpa: 'success@razorpay' }),
        headers: { 'content-type': 'application/json' },
      })
      expect(started.status, started.text).toBe(200)
      return started.body
    }
    const first = await pay(20000)
    expect(first.status).toBe('captured')
    expect(await m.rzp.invoices.fetch(inv.id)).toMatchObject({ status: 'partially_paid', amount_paid: 20000, amount_due: 30000, payment_id: first.payment_id, paid_at: null })
    const second = await pay(30000)
    expect(await m.rzp.invoices.fetch(inv.id)).toMatchObject({ status: 'paid', amount_paid: 50000, amount_due: 0, payment_id: second.payment_id })
    expect((await eventsOf(s, m.id, inv.id)).map((e) => e.event)).toEqual(['invoice.partially_paid', 'invoice.paid'])
    expect(((await m.rzp.invoices.all({ payment_id: second.payment_id } as any)) as any).items.map((i: any) => i.id)).toEqual([inv.id])
    // The first payment finds it too, though the invoice's payment_id now names the second.
    expect(((await m.rzp.invoices.all({ payment_id: first.payment_id } as any)) as any).items.map((i: any) => i.id)).toEqual([inv.id])
    const other = await s.newMerchant()
    expect(((await other.rzp.invoices.all({ payment_id: first.payment_id } as any)) as any).items).toEqual([])
  })
})
