/**
 * Transfers from payments (POST/GET /v1/payments/:id/transfers) and from orders (transfers[] on
 * order create, processed once the order is paid): captured payments only, never more than the
 * captured amount, created → pending → processed | failed, order transfers retried on the next days.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../support/envelope.js'
import { sdkError, startTestServer, type TestMerchant, type TestServer } from '../../support/harness.js'
import { authorizedPayment, capturedPayment } from '../../support/factories.js'
import { assertLedgerBalanced } from '../../support/ledger.js'
import { eventsOf } from '../../support/payments.js'
import { advance, direct, fee, fund, linkedAccount, linkedHeld, payOrder, paymentsBalance } from './support.js'

let s: TestServer
const FROZEN = Math.floor(Date.now() / 1000)
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true, realNow: () => FROZEN })
})
afterAll(() => s.close())
afterEach(() => assertLedgerBalanced(s))

/** A ₹100 card payment captures 10000 with a 200 fee (no GST on cards up to ₹2,000): 9800 in the balance. */
const NET = 9800

async function setup(): Promise<{ m: TestMerchant; a: string; b: string }> {
  const m = await s.newMerchant()
  return { m, a: await linkedAccount(m), b: await linkedAccount(m) }
}

const transferEvents = async (merchantId: string) =>
  (await eventsOf(s, merchantId)).filter((e) => e.event.startsWith('transfer.')).map((e) => [e.event, e.payload.transfer.entity.id, e.payload.transfer.entity.status])

describe('transfers from payments', () => {
  it('are pending when created, processed by the job, and listed for the payment (SDK)', async () => {
    const { m, a, b } = await setup()
    const p = await capturedPayment(m, 10000)
    const created: any = await m.rzp.payments.transfer(p.id, {
      transfers: [
        { account: a, amount: 3000, currency: 'INR', notes: { name: 'Gaurav Kumar', roll_no: 'IEC2011025' }, linked_account_notes: ['roll_no'], on_hold: true, on_hold_until: FROZEN + 7 * 86400 },
        { account: b, amount: 5000, currency: 'INR' },
      ],
    } as any)
    expect(created.entity).toBe('collection')
    expect(created.items).toHaveLength(2)
    expect(created.items[0]).toMatchObject({
      status: 'pending',
      source: p.id,
      recipient: a,
      amount: 3000,
      on_hold: true,
      on_hold_until: FROZEN + 7 * 86400,
      linked_account_notes: ['roll_no'],
      processed_at: null,
      settlement_status: null,
    })
    expect(((await m.rzp.payments.fetchTransfer(p.id)) as any).items.map((t: any) => t.status)).toEqual(['pending', 'pending'])

    await advance(m, 1)
    const after: any = await m.rzp.transfers.all({ payment_id: p.id } as any)
    expect(after.items.map((t: any) => [t.recipient, t.status, t.settlement_status, t.fees, t.tax])).toEqual([
      [a, 'processed', 'on_hold', fee(3000).fees, fee(3000).tax],
      [b, 'processed', 'pending', fee(5000).fees, fee(5000).tax],
    ])
    expect(await paymentsBalance(s, m)).toBe(NET - 3000 - fee(3000).fees - 5000 - fee(5000).fees)
    expect(await linkedHeld(s, m, a)).toBe(3000)
    expect(await linkedHeld(s, m, b)).toBe(5000)
    expect(await transferEvents(m.id)).toEqual([
      ['transfer.processed', created.items[0].id, 'processed'],
      ['transfer.processed', created.items[1].id, 'processed'],
    ])
  })

  it('only on captured payments, never beyond the captured amount, never after a refund', async () => {
    const { m, a } = await setup()
    await fund(m, 1_00_000) // so that the balance is not what stops them
    const authorized = await authorizedPayment(m, 10000)
    expectError(await m.http('POST', `/v1/payments/${authorized.id}/transfers`, { transfers: [{ account: a, amount: 1000, currency: 'INR' }] }), 400, {
      description: 'Transfers can be made only on captured payments.',
      field: 'payment_id',
      metadata: { payment_id: authorized.id },
    })
    const p = await capturedPayment(m, 10000)
    const tr = (amount: number) => m.http('POST', `/v1/payments/${p.id}/transfers`, { transfers: [{ account: a, amount, currency: 'INR' }] })
    const tooMuch = { description: 'The sum of amount requested for transfer is greater than the captured amount', field: 'transfers', metadata: { payment_id: p.id } }
    expectError(await tr(10001), 400, tooMuch)
    expect((await tr(6000)).status).toBe(200)
    expectError(await tr(4001), 400, tooMuch)
    expect((await tr(4000)).status).toBe(200)

    const q = await capturedPayment(m, 10000)
    await m.rzp.payments.refund(q.id, { amount: 1000 } as any)
    expectError(await m.http('POST', `/v1/payments/${q.id}/transfers`, { transfers: [{ account: a, amount: 1000, currency: 'INR' }] }), 400, {
      description: 'Transfer cannot be made on a payment that has been refunded.',
      field: 'payment_id',
      metadata: { payment_id: q.id },
    })
    const unknown = m.rzp.payments.transfer('pay_00000000000000', { transfers: [{ account: a, amount: 1000, currency: 'INR' }] } as any)
    expect((await sdkError(unknown)).error).toMatchObject({ description: 'The id provided does not exist' })
  })

  it('validates each transfer with its index in the field name', async () => {
    const { m, a } = await setup()
    const p = await capturedPayment(m, 10000)
    const post = (transfers: unknown) => m.http('POST', `/v1/payments/${p.id}/transfers`, { transfers })
    expectError(await post([]), 400, { description: 'The transfers field is required.', field: 'transfers' })
    expectError(await post([{ account: a, amount: 100, currency: 'INR' }, { account: a, amount: 99, currency: 'INR' }]), 400, {
      description: 'The transfers.1.amount must be at least 100.',
      field: 'transfers.1.amount',
    })
    expectError(await post([{ account: a, amount: 100 }]), 400, { description: 'The transfers.0.currency field is required.', field: 'transfers.0.currency' })
    expectError(await post([{ amount: 100, currency: 'INR' }]), 400, { description: 'The transfers.0.account field is required.', field: 'transfers.0.account' })
    expectError(await post([{ account: [a], amount: 100, currency: 'INR' }]), 400, { description: 'The transfers.0.account must be a string.', field: 'transfers.0.account' })
    expectError(await post([{ account: a, amount: 100, currency: 'INR', mode: 'x' }]), 400, {
      description: 'transfers.0.mode is/are not required and should not be sent',
      field: 'transfers.0.mode',
      reason: 'extra_field_sent',
    })
  })

  it('checks the balance when created, and fail when it no longer covers them (transfer.failed)', async () => {
    const { m, a, b } = await setup()
    const p = await capturedPayment(m, 10000)
    // 9800 in the balance cannot pay 9800 + fees.
    expectError(await m.http('POST', `/v1/payments/${p.id}/transfers`, { transfers: [{ account: a, amount: NET, currency: 'INR' }] }), 400, {
      description: 'Transfer cannot be made due to insufficient balance',
      step: 'balance_check',
      reason: 'insufficient_balance',
    })
    const pending = (await m.http('POST', `/v1/payments/${p.id}/transfers`, { transfers: [{ account: a, amount: 5000, currency: 'INR' }] })).body.items[0]
    // A direct transfer takes the money before the job runs.
    expect((await direct(m, { account: b, amount: 5000, currency: 'INR' })).status).toBe(200)
    await advance(m, 1)
    const failed: any = await m.rzp.transfers.fetch(pending.id)
    expect(failed).toMatchObject({
      status: 'failed',
      processed_at: null,
      settlement_status: null,
      error: {
        code: 'BAD_REQUEST_TRANSFER_INSUFFICIENT_BALANCE',
        description: 'Transfer failed due to insufficient balance',
        field: null,
        source: 'transfer',
        step: 'balance_check',
        reason: 'insufficient_balance',
        id: pending.id,
        metadata: null,
      },
    })
    expect(await linkedHeld(s, m, a)).toBe(0)
    expect((await transferEvents(m.id)).map((e) => e[0])).toEqual(['transfer.processed', 'transfer.failed'])
    // A failed transfer does not count against the payment: a new one for the rest may be made.
    await fund(m, 10000)
    expect((await m.http('POST', `/v1/payments/${p.id}/transfers`, { transfers: [{ account: a, amount: 5000, currency: 'INR' }] })).status).toBe(200)
  })
})

describe('transfers on orders', () => {
  it('stay created until the order is paid, then process; fetchTransferOrder shows them', async () => {
    const { m, a, b } = await setup()
    const order: any = await m.rzp.orders.create({
      amount: 10000,
      currency: 'INR',
      transfers: [
        { account: a, amount: 4000, currency: 'INR', notes: { branch: 'Acme Corp Bangalore North' }, linked_account_notes: ['branch'], on_hold: true, on_hold_until: FROZEN + 86400 },
        { account: b, amount: 3000, currency: 'INR' },
      ],
    } as any)
    expect(order.transfers).toHaveLength(2)
    expect(order.transfers[0]).toMatchObject({ status: 'created', source: order.id, recipient: a, amount: 4000, fees: 0, tax: null, settlement_status: null })
    const fetched: any = await m.rzp.orders.fetchTransferOrder(order.id)
    expect(fetched).toMatchObject({ id: order.id, transfers: { entity: 'collection', count: 2 } })
    expect(fetched.transfers.items).toEqual(order.transfers)

    const payId = await payOrder(m, order.id, 10000)
    expect(((await m.rzp.orders.fetchTransferOrder(order.id)) as any).transfers.items.map((t: any) => t.status)).toEqual(['pending', 'pending'])
    await advance(m, 1)
    const done: any = await m.rzp.orders.fetchTransferOrder(order.id)
    expect(done.transfers.items.map((t: any) => [t.status, t.fees])).toEqual([
      ['processed', fee(4000).fees],
      ['processed', fee(3000).fees],
    ])
    // They move the paying payment's money: listed for it, and counted against its amount.
    expect(((await m.rzp.payments.fetchTransfer(payId)) as any).items.map((t: any) => t.source)).toEqual([order.id, order.id])
    expectError(await m.http('POST', `/v1/payments/${payId}/transfers`, { transfers: [{ account: a, amount: 3001, currency: 'INR' }] }), 400, {
      description: 'The sum of amount requested for transfer is greater than the captured amount',
      field: 'transfers',
      metadata: { payment_id: payId },
    })
    // A non-empty `status` filters them.
    expect((await m.http('GET', `/v1/orders/${order.id}/?expand[]=transfers&status=failed`)).body.transfers).toEqual({ entity: 'collection', count: 0, items: [] })
    expect(await linkedHeld(s, m, a)).toBe(4000)
  })

  it('are refused on partial-payment and non-INR orders, and beyond the order amount', async () => {
    const { m, a } = await setup()
    const t = [{ account: a, amount: 1000, currency: 'INR' }]
    expectError(await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR', partial_payment: true, transfers: t }), 400, {
      description: 'Transfers cannot be created on orders with partial_payment enabled.',
      field: 'transfers',
    })
    expectError(await m.http('POST', '/v1/orders', { amount: 5000, currency: 'USD', transfers: t }), 400, { description: 'The currency should be INR for transfers', field: 'currency' })
    expectError(await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR', transfers: [...t, { account: a, amount: 4001, currency: 'INR' }] }), 400, {
      description: 'The sum of amount requested for transfer is greater than the order amount',
      field: 'transfers',
    })
    const cooling = await linkedAccount(m, { cooling: true })
    const r = await m.http('POST', '/v1/orders', { amount: 5000, currency: 'INR', transfers: [{ account: cooling, amount: 1000, currency: 'INR' }] })
    expect(r.status).toBe(400)
    expect(r.body.error.field).toBe('transfers.0.account')
    // Nothing was created by the refused requests.
    expect((await m.rzp.orders.all()).items).toHaveLength(0)
  })

  it('accept bracket-notation form bodies', async () => {
    const { m, a } = await setup()
    const form = `amount=5000&currency=INR&transfers[0][account]=${a}&transfers[0][amount]=1000&transfers[0][currency]=INR&transfers[0][notes][x]=y&transfers[0][on_hold]=1`
    const r = await m.http('POST', '/v1/orders', form, { 'content-type': 'application/x-www-form-urlencoded' })
    expect(r.status, r.text).toBe(200)
    expect(r.body.transfers[0]).toMatchObject({ amount: 1000, notes: { x: 'y' }, on_hold: true })
  })

  it('that fail are retried on the next days, at most 3 times', async () => {
    const { m, a } = await setup()
    // The whole order amount cannot go out: the balance holds 9800 after the payment fee.
    const order: any = await m.rzp.orders.create({ amount: 10000, currency: 'INR', transfers: [{ account: a, amount: 10000, currency: 'INR' }] } as any)
    await payOrder(m, order.id, 10000)
    await advance(m, 1)
    const id = order.transfers[0].id
    expect(((await m.rzp.transfers.fetch(id)) as any).status).toBe('failed')
    await advance(m, 86400) // retry 1 fails too
    // Test money (the payment itself may have been settled to the merchant's bank by now).
    await fund(m, 20000)
    await advance(m, 86400) // retry 2 succeeds
    const t: any = await m.rzp.transfers.fetch(id)
    expect(t).toMatchObject({ status: 'processed', error: { code: null, reason: null } })
    expect((await transferEvents(m.id)).map((e) => e[0])).toEqual(['transfer.failed', 'transfer.failed', 'transfer.processed'])

    const other = await setup()
    const o2: any = await other.m.rzp.orders.create({ amount: 10000, currency: 'INR', transfers: [{ account: other.a, amount: 10000, currency: 'INR' }] } as any)
    await payOrder(other.m, o2.id, 10000)
    await advance(other.m, 10 * 86400)
    expect((await transferEvents(other.m.id)).map((e) => e[0])).toEqual(['transfer.failed', 'transfer.failed', 'transfer.failed', 'transfer.failed'])
  })
})
