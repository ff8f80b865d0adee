/** payments.all / fetch (expand card, upi) / edit / fetchCardDetails through the SDK. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { authorizedCardPayment, bankAction, startCardPayment, startRedirectPayment, upiPayment } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
let m: TestMerchant
const ids: { card: string; nb: string; upi: string; failed: string } = { card: '', nb: '', upi: '', failed: '' }

beforeAll(async () => {
  s = await startTestServer()
  m = await s.newMerchant()
  ids.card = (await authorizedCardPayment(m, { number: '6527658900001005' })).id
  const nb = await startRedirectPayment(m, 'netbanking', { bank: 'ICIC' })
  await bankAction(s, nb.id, 'success')
  ids.nb = nb.id
  ids.upi = (await upiPayment(m, 'success@razorpay')).id
  ids.failed = (await upiPayment(m, 'failure@razorpay')).id
})
afterAll(() => s.close())

describe('payments.all', () => {
  it('lists the merchant’s payments newest first, as a collection', async () => {
    const list: any = await m.rzp.payments.all()
    expect(list.entity).toBe('collection')
    expect(list.count).toBe(4)
    expect(list.items.map((p: any) => p.id)).toEqual([ids.failed, ids.upi, ids.nb, ids.card])
    for (const p of list.items) {
      expect(p.entity).toBe('payment')
      expect(p.card).toBeUndefined()
    }
  })

  it('pages with count and skip', async () => {
    const page: any = await m.rzp.payments.all({ count: 2, skip: 1 })
    expect(page.count).toBe(2)
    expect(page.items.map((p: any) => p.id)).toEqual([ids.upi, ids.nb])
    const tooMany = await sdkError(m.rzp.payments.all({ count: 101 }))
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.error.description).toBe('The count may not be greater than 100')
  })

  it('filters by from/to (unix seconds)', async () => {
    const all: any = await m.rzp.payments.all()
    const created = all.items.map((p: any) => p.created_at) as number[]
    const within: any = await m.rzp.payments.all({ from: Math.min(...created), to: Math.max(...created) })
    expect(within.count).toBe(4)
    const after: any = await m.rzp.payments.all({ from: Math.max(...created) + 1 })
    expect(after.count).toBe(0)
  })

  it('expands card for card payments only', async () => {
    const list: any = await m.rzp.payments.all({ 'expand[]': 'card' } as any)
    const card = list.items.find((p: any) => p.id === ids.card)
    expect(card.card).toMatchObject({ id: card.card_id, entity: 'card', last4: '1005', network: 'RuPay' })
    for (const p of list.items.filter((x: any) => x.id !== ids.card)) expect(p.card).toBeUndefined()
  })
})

describe('payments.fetch', () => {
  it('expand[]=card adds the card entity (sent as expand[expand]=card)', async () => {
    const plain: any = await m.rzp.payments.fetch(ids.card)
    expect(plain.card).toBeUndefined()
    const expanded: any = await m.rzp.payments.fetch(ids.card, { 'expand[]': 'card' } as any)
    expect(expanded).toEqual({ ...plain, card: expect.any(Object) })
    expect(expanded.card).toEqual({
      id: plain.card_id,
      entity: 'card',
      name: 'Gaurav Kumar',
      last4: '1005',
      network: 'RuPay',
      type: expect.any(String),
      issuer: null,
      international: false,
      emi: false,
      sub_type: 'consumer',
      token_iin: null,
    })
    expect(await m.rzp.payments.fetchCardDetails(ids.card)).toEqual(expanded.card)
  })

  it('the literal expand[]=card query works too (raw HTTP)', async () => {
    const res = await m.http('GET', `/v1/payments/${ids.card}?expand[]=card`)
    expect(res.status).toBe(200)
    expect(res.body.card).toMatchObject({ last4: '1005' })
  })

  it('expand[]=upi adds the upi block of a UPI payment', async () => {
    const p: any = await m.rzp.payments.fetch(ids.upi, { 'expand[]': 'upi' } as any)
    expect(p.upi).toEqual({ payer_account_type: 'bank_account', vpa: 'success@razorpay', flow: 'collect' })
    expect(((await m.rzp.payments.fetch(ids.upi)) as any).upi).toBeUndefined()
  })

  it('several expand values at once (sent as expand[expand][0]=…&expand[expand][1]=…)', async () => {
    const card: any = await m.rzp.payments.fetch(ids.card, { 'expand[]': ['card', 'upi'] } as any)
    expect(card.card).toMatchObject({ last4: '1005' })
    expect(card.upi).toBeUndefined()
    const upi: any = await m.rzp.payments.fetch(ids.upi, { 'expand[]': ['card', 'upi'] } as any)
    expect(upi.upi).toMatchObject({ vpa: 'success@razorpay' })
    expect(upi.card).toBeUndefined()
  })

  it('a netbanking payment shows its bank and has no card', async () => {
    const p: any = await m.rzp.payments.fetch(ids.nb, { 'expand[]': 'card' } as any)
    expect(p).toMatchObject({ method: 'netbanking', bank: 'ICIC', card_id: null, status: 'authorized' })
    expect(p.card).toBeUndefined()
    const err = await sdkError(m.rzp.payments.fetchCardDetails(ids.nb))
    expect(err.statusCode).toBe(400)
    // RT:api/payments/fetch-card-details-payment.md failure sample
    expect(err.error).toEqual({ code: 'BAD_REQUEST_ERROR', description: 'Payment was not done using card', source: 'NA', step: 'NA', reason: 'NA', metadata: {} })
  })

  it('refuses an unknown expand value', async () => {
    const err = await sdkError(m.rzp.payments.fetch(ids.card, { 'expand[]': 'nonsense' } as any))
    expect(err.statusCode).toBe(400)
    expect(err.error.field).toBe('expand')
  })
})

describe('payments.edit', () => {
  it('replaces the notes and returns the payment', async () => {
    const p = await startCardPayment(m)
    const edited: any = await m.rzp.payments.edit(p.id, { notes: { key1: 'value1', key2: 'value2' } })
    expect(edited).toMatchObject({ id: p.id, entity: 'payment', status: 'created', notes: { key1: 'value1', key2: 'value2' } })
    const again: any = await m.rzp.payments.edit(p.id, { notes: { only: 'this' } })
    expect(again.notes).toEqual({ only: 'this' })
    expect((await m.rzp.payments.fetch(p.id)).notes).toEqual({ only: 'this' })
  })

  it('validates notes (≤ 15 keys, values ≤ 256 chars) and refuses other fields', async () => {
    const p = await startCardPayment(m)
    const many = Object.fromEntries(Array.from({ length: 16 }, (_v, i) => [`k${i}`, 'v']))
    const e1 = await sdkError(m.rzp.payments.edit(p.id, { notes: many }))
    expect(e1.statusCode).toBe(400)
    expect(e1.error.field).toBe('notes')
    const e2 = await sdkError(m.rzp.payments.edit(p.id, { notes: { long: 'x'.repeat(257) } }))
    expect(e2.error.field).toBe('notes')
    const e3 = await sdkError(m.rzp.payments.edit(p.id, { notes: {}, amount: 1 } as any))
    expect(e3.error.description).toBe('amount is/are not required and should not be sent')
    expect((await m.rzp.payments.fetch(p.id)).notes).toEqual([])
  })
})
