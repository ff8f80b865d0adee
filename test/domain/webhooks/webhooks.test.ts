/**
 * Webhook endpoints through the official SDK (v1 create/edit(PUT)/all, v2 create/edit(PATCH)/fetch/
 * all/delete) and over raw HTTP for the validation errors, whose full envelopes are asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { expectError } from '../../support/envelope.js'

let s: TestServer

beforeAll(async () => {
  s = await startTestServer()
})
afterAll(async () => {
  await s.close()
})

/* eslint-disable @typescript-eslint/no-explicit-any */
const EVENTS = ['payment.authorized', 'payment.failed', 'payment.captured', 'payment.dispute.created', 'refund.failed', 'refund.created']
const KEYS = ['id', 'created_at', 'updated_at', 'service', 'owner_id', 'owner_type', 'context', 'disabled_at', 'url', 'alert_email', 'secret_exists', 'entity', 'active', 'events']

function expectWebhook(w: any, m: TestMerchant, fields: Record<string, unknown>) {
  expect(w).toEqual({
    id: expect.stringMatching(/^[0-9A-Za-z]{14}$/),
    created_at: expect.any(Number),
    updated_at: expect.any(Number),
    service: 'beta-api-test',
    owner_id: m.id.slice('acc_'.length),
    owner_type: 'merchant',
    context: [],
    disabled_at: 0,
    alert_email: null,
    secret_exists: true,
    entity: 'webhook',
    active: true,
    ...fields,
  })
}

describe('v1 (rzp.webhooks.create / edit / all)', () => {
  it('creates a webhook with the documented entity shape and never shows the secret', async () => {
    const m = await s.newMerchant()
    const w: any = await m.rzp.webhooks.create({ url: 'https://example.com/hook', alert_email: 'gaurav.kumar@example.com', secret: '12345', events: EVENTS })
    expectWebhook(w, m, { url: 'https://example.com/hook', alert_email: 'gaurav.kumar@example.com', events: EVENTS })
    expect(Object.keys(w)).toEqual(KEYS)
    expect(w.created_at).toBe(w.updated_at)
    expect(JSON.stringify(w)).not.toContain('12345')
  })

  it('omits secret_exists when there is no secret, as documented', async () => {
    const m = await s.newMerchant()
    const w: any = await m.rzp.webhooks.create({ url: 'http://127.0.0.1:3000/hook', events: ['order.paid'] })
    expect(w.secret_exists).toBeUndefined()
    expect(Object.keys(w)).toEqual(KEYS.filter((k) => k !== 'secret_exists'))
  })

  it('accepts the events map form ({"payment.authorized": "true", …}); false entries are left out', async () => {
    const m = await s.newMerchant()
    const w: any = await m.rzp.webhooks.create({
      url: 'https://example.com/hook',
      events: { 'payment.authorized': 'true', 'refund.created': true, 'subscription.charged': 1, 'payment.failed': false, 'order.paid': '0' },
    })
    expect(w.events).toEqual(['payment.authorized', 'refund.created', 'subscription.charged'])
  })

  it('allows localhost and private addresses (Tijori delivers to laptops and CI)', async () => {
    const m = await s.newMerchant()
    for (const url of ['http://localhost:3000/hook', 'http://127.0.0.1:8080', 'http://10.1.2.3/x', 'http://192.168.1.20:9000/rzp', 'http://[::1]:4000/h', 'http://my-app.internal/hook'])
      expect(((await m.rzp.webhooks.create({ url, events: ['order.paid'] })) as any).url).toBe(url)
  })

  it('edits with PUT: changes what is sent, keeps the rest, bumps updated_at', async () => {
    const m = await s.newMerchant()
    const w: any = await m.rzp.webhooks.create({ url: 'https://example.com/a', secret: 's1', alert_email: 'a@example.com', events: ['payment.captured'] })
    await m.http('POST', '/_sandbox/clock', { advance_by: 60 })
    const e: any = await m.rzp.webhooks.edit({ url: 'https://example.com/b', events: ['refund.created'] }, w.id)
    expectWebhook(e, m, { id: w.id, url: 'https://example.com/b', alert_email: 'a@example.com', events: ['refund.created'], created_at: w.created_at })
    expect(e.updated_at).toBeGreaterThanOrEqual(w.created_at + 60)
  })

  it('deactivates and reactivates: disabled_at is set while inactive and 0 again after', async () => {
    const m = await s.newMerchant()
    const w: any = await m.rzp.webhooks.create({ url: 'https://example.com/a', events: ['payment.captured'] })
    const off: any = await m.rzp.webhooks.edit({ active: false } as any, w.id)
    expect(off.active).toBe(false)
    expect(off.disabled_at).toBeGreaterThan(0)
    const on: any = await m.rzp.webhooks.edit({ active: 'true' } as any, w.id)
    expect(on.active).toBe(true)
    expect(on.disabled_at).toBe(0)
  })

  it('lists newest first with count and skip', async () => {
    const m = await s.newMerchant()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push(((await m.rzp.webhooks.create({ url: `https://example.com/${i}`, events: ['order.paid'] })) as any).id)
    const all: any = await m.rzp.webhooks.all()
    expect(all).toEqual({ entity: 'collection', count: 3, items: expect.any(Array) })
    expect(all.items.map((w: any) => w.id)).toEqual([...ids].reverse())
    const page: any = await m.rzp.webhooks.all({ count: 1, skip: 1 })
    expect(page.items.map((w: any) => w.id)).toEqual([ids[1]])
  })

  it("does not show, edit or delete another merchant's webhook", async () => {
    const a = await s.newMerchant()
    const b = await s.newMerchant()
    const w: any = await a.rzp.webhooks.create({ url: 'https://example.com/a', events: ['order.paid'] })
    expect(((await b.rzp.webhooks.all()) as any).items).toEqual([])
    const err = await sdkError(b.rzp.webhooks.edit({ url: 'https://evil.example.com' } as any, w.id))
    expect(err.statusCode).toBe(400)
    expect(err.error.description).toBe('The id provided does not exist')
    expectError(await b.http('DELETE', `/v1/webhooks/${w.id}`), 400, { description: 'The id provided does not exist', field: 'id' })
    expect(((await a.rzp.webhooks.fetch(w.id, a.id)) as any).url).toBe('https://example.com/a')
  })
})

describe('v2 account forms (/v2/accounts/:acc/webhooks)', () => {
  it('create, fetch, edit (PATCH), list (trailing slash) and delete (answers [])', async () => {
    const m = await s.newMerchant()
    const w: any = await m.rzp.webhooks.create({ url: 'https://google.com', alert_email: 'gaurav.kumar@example.com', secret: '12345', events: EVENTS }, m.id)
    expectWebhook(w, m, { url: 'https://google.com', alert_email: 'gaurav.kumar@example.com', events: EVENTS })
    expect(await m.rzp.webhooks.fetch(w.id, m.id)).toEqual(w)
    const e: any = await m.rzp.webhooks.edit({ url: 'https://www.linkedin.com', events: ['refund.created'] }, w.id, m.id)
    expectWebhook(e, m, { id: w.id, created_at: w.created_at, url: 'https://www.linkedin.com', alert_email: 'gaurav.kumar@example.com', events: ['refund.created'] })
    const list: any = await m.rzp.webhooks.all({}, m.id)
    expect(list).toEqual({ entity: 'collection', count: 1, items: [e] })
    expect(await m.rzp.webhooks.delete(w.id, m.id)).toEqual([])
    const gone = await sdkError(m.rzp.webhooks.fetch(w.id, m.id))
    expect(gone).toEqual({
      statusCode: 400,
      error: expect.objectContaining({ code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' }),
    })
    expect(((await m.rzp.webhooks.all({}, m.id)) as any).items).toEqual([])
  })

  it('refuses an account id that is not the caller\'s own', async () => {
    const m = await s.newMerchant()
    const other = await s.newMerchant()
    const body = { url: 'https://example.com', events: ['order.paid'] }
    for (const acc of [other.id, 'acc_00000000000000', 'undefined']) {
      expectError(await m.http('POST', `/v2/accounts/${acc}/webhooks`, body), 400, { description: 'The id provided does not exist', field: 'id' })
      expectError(await m.http('GET', `/v2/accounts/${acc}/webhooks/`), 400, { description: 'The id provided does not exist', field: 'id' })
    }
    const w: any = await m.rzp.webhooks.create(body, m.id)
    expectError(await m.http('GET', `/v2/accounts/${other.id}/webhooks/${w.id}`), 400, { description: 'The id provided does not exist', field: 'id' })
    expectError(await m.http('DELETE', `/v2/accounts/${other.id}/webhooks/${w.id}`), 400, { description: 'The id provided does not exist', field: 'id' })
    expectError(await m.http('GET', `/v2/accounts/${m.id}/webhooks/nope`), 400, { description: 'The id provided does not exist', field: 'id' })
  })
})

describe('validation', () => {
  let m: TestMerchant
  beforeAll(async () => {
    m = await s.newMerchant()
  })
  const ok = { url: 'https://example.com/hook', events: ['payment.captured'] }

  it.each([
    ['no url', { events: ['order.paid'] }, { description: 'The url field is required.', field: 'url' }],
    ['an empty url', { ...ok, url: '' }, { description: 'The url field is required.', field: 'url' }],
    ['a url that is not a URL', { ...ok, url: 'not a url' }, { description: 'The url is not a valid URL.' }],
    ['an ftp url', { ...ok, url: 'ftp://example.com/x' }, { description: 'The url is not a valid URL.' }],
    ['a javascript: url', { ...ok, url: 'javascript:alert(1)' }, { description: 'The url is not a valid URL.' }],
    ['a url over 255 characters', { ...ok, url: `https://example.com/${'a'.repeat(250)}` }, { description: 'The url may not be greater than 255 characters.', field: 'url' }],
    ['no events', { url: ok.url }, { description: 'The events field is required.', field: 'events' }],
    ['an empty events list', { ...ok, events: [] }, { description: 'The events field is required.', field: 'events' }],
    ['an events map with nothing on', { ...ok, events: { 'order.paid': false } }, { description: 'The events field is required.', field: 'events' }],
    ['an unknown event', { ...ok, events: ['payment.authorised'] }, { description: 'Invalid event name/names: payment.authorised' }],
    ['several unknown events', { ...ok, events: ['order.paid', 'x.y', 'payment.refunded'] }, { description: 'Invalid event name/names: x.y, payment.refunded' }],
    ['events as a string', { ...ok, events: 'payment.captured' }, { description: 'The events must be an array.', field: 'events' }],
    ['events with a non-string', { ...ok, events: ['order.paid', 5] }, { description: 'The events must be an array of event names.', field: 'events' }],
    ['an events map with a bad value', { ...ok, events: { 'order.paid': 'yes' } }, { description: 'The events[order.paid] field must be true or false.', field: 'events[order.paid]' }],
    ['a bad alert email', { ...ok, alert_email: 'nope' }, { description: 'The alert email must be a valid email address.', field: 'alert_email' }],
    ['a bad active', { ...ok, active: 'maybe' }, { description: 'The active field must be true or false.', field: 'active' }],
    ['an unknown field', { ...ok, service: 'x' }, { description: 'service is/are not required and should not be sent', field: 'service', reason: 'extra_field_sent' }],
    ['chaos delay over 10 s', { ...ok, chaos: { delay_ms: 10_001 } }, { description: 'The chaos[delay_ms] may not be greater than 10000.', field: 'chaos[delay_ms]' }],
    ['chaos with an unknown knob', { ...ok, chaos: { explode: true } }, { description: 'chaos[explode] is/are not required and should not be sent', field: 'chaos[explode]', reason: 'extra_field_sent' }],
  ])('refuses %s', async (_name, body, expected) => {
    expectError(await m.http('POST', '/v1/webhooks', body), 400, expected)
    expectError(await m.http('POST', `/v2/accounts/${m.id}/webhooks`, body), 400, expected)
  })

  it('validates edits the same way and leaves the webhook unchanged', async () => {
    const w = (await m.http('POST', '/v1/webhooks', ok)).body
    expectError(await m.http('PUT', `/v1/webhooks/${w.id}`, { url: 'gopher://x' }), 400, { description: 'The url is not a valid URL.' })
    expectError(await m.http('PATCH', `/v2/accounts/${m.id}/webhooks/${w.id}`, { events: ['nope'] }), 400, { description: 'Invalid event name/names: nope' })
    expect((await m.http('GET', `/v1/webhooks/${w.id}`)).body).toEqual(w)
  })

  it('allows at most 30 webhooks per account', async () => {
    const full = await s.newMerchant()
    for (let i = 0; i < 30; i++) expect((await full.http('POST', '/v1/webhooks', ok)).status).toBe(200)
    expectError(await full.http('POST', '/v1/webhooks', ok), 400, { description: 'You can create up to 30 webhooks for an account.' })
  })

  it('requires authentication', async () => {
    const res = await s.raw('GET', '/v1/webhooks')
    expect(res.status).toBe(401)
  })
})

describe('chaos (handler-testing knobs)', () => {
  it('shows chaos on the entity when set, and clears it with null', async () => {
    const m = await s.newMerchant()
    const w = (await m.http('POST', '/v1/webhooks', { url: 'https://example.com', events: ['order.paid'], chaos: { drop_first: 2 } })).body
    expect(w.chaos).toEqual({ duplicate: false, delay_ms: 0, drop_first: 2 })
    const e = (await m.http('PUT', `/v1/webhooks/${w.id}`, { chaos: { duplicate: true, delay_ms: 250 } })).body
    expect(e.chaos).toEqual({ duplicate: true, delay_ms: 250, drop_first: 0 })
    const cleared = (await m.http('PUT', `/v1/webhooks/${w.id}`, { chaos: null })).body
    expect(cleared.chaos).toBeUndefined()
  })
})
