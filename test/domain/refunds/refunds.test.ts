/**
 * Refunds through the SDK: payments.refund / fetchMultipleRefund / fetchRefund and
 * refunds.all / fetch / edit. Only captured payments refund; never more than captured − refunded;
 * refund_status null → partial → full; speed optimum is instant except the test amount ₹24.68.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { capturedPayment } from '../../support/factories.js'
import { authorizedCardPayment, bankAction, countEvents, eventNames, eventsOf, startCardPayment, startRedirectPayment, upiPayment } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterAll(() => s.close())

describe('payments.refund', () => {
  it('a partial refund has Razorpay’s refund shape and leaves the payment captured', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const r: any = await s.merchant.rzp.payments.refund(pay.id, { amount: 2500, notes: { reason: 'damaged' }, receipt: 'rcpt-1' })
    expect(r).toEqual({
      id: expect.stringMatching(/^rfnd_[0-9A-Za-z]{14}$/),
      entity: 'refund',
      amount: 2500,
      currency: 'INR',
      payment_id: pay.id,
      notes: { reason: 'damaged' },
      receipt: 'rcpt-1',
      acquirer_data: { arn: expect.stringMatching(/^\d+$/) },
      created_at: expect.any(Number),
      batch_id: null,
      status: 'processed',
      speed_processed: 'normal',
      speed_requested: 'normal',
    })
    expect(await s.merchant.rzp.payments.fetch(pay.id)).toMatchObject({
      status: 'captured',
      captured: true,
      amount_refunded: 2500,
      refund_status: 'partial',
      // Refunds never reverse the fee.
      fee: 200,
      tax: 0,
    })
  })

  it('partial refunds until full; the payment is refunded only then; the order stays paid', async () => {
    const rzp = s.merchant.rzp
    const pay = await capturedPayment(s.merchant, 10000)
    await rzp.payments.refund(pay.id, { amount: 1000 })
    await rzp.payments.refund(pay.id, { amount: 4000 })
    expect(await rzp.payments.fetch(pay.id)).toMatchObject({ status: 'captured', amount_refunded: 5000, refund_status: 'partial' })
    const last: any = await rzp.payments.refund(pay.id, { amount: 5000 })
    expect(last.amount).toBe(5000)
    expect(await rzp.payments.fetch(pay.id)).toMatchObject({ status: 'refunded', captured: true, amount_refunded: 10000, refund_status: 'full' })
    expect(await rzp.orders.fetch(pay.orderId)).toMatchObject({ status: 'paid', amount_paid: 10000, amount_due: 0 })
    const again = await sdkError(rzp.payments.refund(pay.id, { amount: 100 }))
    expect(again.statusCode).toBe(400)
    expect(again.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', description: 'The payment has been fully refunded already.' })
    const noAmount = await sdkError(rzp.payments.refund(pay.id, {}))
    expect(noAmount.error.description).toBe('The payment has been fully refunded already.')
  })

  it('without an amount refunds the whole remaining amount', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const full: any = await s.merchant.rzp.payments.refund(pay.id, {})
    expect(full.amount).toBe(10000)
    expect(await s.merchant.rzp.payments.fetch(pay.id)).toMatchObject({ status: 'refunded', refund_status: 'full', amount_refunded: 10000 })
    const pay2 = await capturedPayment(s.merchant, 10000)
    await s.merchant.rzp.payments.refund(pay2.id, { amount: 3000 })
    expect((await s.merchant.rzp.payments.refund(pay2.id, {})).amount).toBe(7000)
  })

  it('refuses more than captured − refunded, and less than ₹1, changing nothing', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    await s.merchant.rzp.payments.refund(pay.id, { amount: 6000 })
    const before = await countEvents(s, s.merchant.id)
    const tooMuch = await sdkError(s.merchant.rzp.payments.refund(pay.id, { amount: 4001 }))
    expect(tooMuch.statusCode).toBe(400)
    expect(tooMuch.error).toMatchObject({ description: 'The refund amount provided is greater than amount captured.', field: 'amount' })
    const tooSmall = await sdkError(s.merchant.rzp.payments.refund(pay.id, { amount: 99 }))
    expect(tooSmall.error).toMatchObject({ description: 'The amount must be at least INR 1.00.', field: 'amount' })
    const zero = await sdkError(s.merchant.rzp.payments.refund(pay.id, { amount: 0 }))
    expect(zero.statusCode).toBe(400)
    expect(await s.merchant.rzp.payments.fetch(pay.id)).toMatchObject({ amount_refunded: 6000, refund_status: 'partial' })
    expect((await s.merchant.rzp.payments.fetchMultipleRefund(pay.id, {})).count).toBe(1)
    expect(await countEvents(s, s.merchant.id)).toBe(before)
  })

  it('refuses a payment that is authorized but not captured, created, or failed', async () => {
    const authorized = await authorizedCardPayment(s.merchant)
    const err = await sdkError(s.merchant.rzp.payments.refund(authorized.id, { amount: 1000 }))
    expect(err.statusCode).toBe(400)
    expect(err.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', metadata: { payment_id: authorized.id } })
    expect(err.error.description).toMatch(/captured/)
    expect(await s.merchant.rzp.payments.fetch(authorized.id)).toMatchObject({ status: 'authorized', amount_refunded: 0, refund_status: null })

    const created = await startCardPayment(s.merchant)
    expect((await sdkError(s.merchant.rzp.payments.refund(created.id, {}))).statusCode).toBe(400)
    const failed = await upiPayment(s.merchant, 'failure@razorpay')
    expect((await sdkError(s.merchant.rzp.payments.refund(failed.id, {}))).statusCode).toBe(400)
    expect(eventNames(await eventsOf(s, s.merchant.id, authorized.id))).toEqual(['payment.authorized'])
  })

  it('refunds netbanking, wallet and UPI payments too', async () => {
    const nb = await startRedirectPayment(s.merchant, 'netbanking', { amount: 5000 })
    await bankAction(s, nb.id, 'success')
    const upi = await upiPayment(s.merchant, 'success@razorpay', { amount: 5000 })
    for (const id of [nb.id, upi.id]) {
      await s.merchant.rzp.payments.capture(id, 5000, 'INR')
      expect(await s.merchant.rzp.payments.refund(id, { amount: 5000 })).toMatchObject({ payment_id: id, status: 'processed' })
      expect((await s.merchant.rzp.payments.fetch(id)).status).toBe('refunded')
    }
  })

  it('validates the body', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const speed = await sdkError(s.merchant.rzp.payments.refund(pay.id, { speed: 'fast' } as any))
    expect(speed.statusCode).toBe(400)
    expect(speed.error.field).toBe('speed')
    const extra = await sdkError(s.merchant.rzp.payments.refund(pay.id, { amount: 100, reverse: true } as any))
    expect(extra.error.description).toBe('reverse is/are not required and should not be sent')
    const notInt = await sdkError(s.merchant.rzp.payments.refund(pay.id, { amount: 10.5 } as any))
    expect(notInt.error).toMatchObject({ description: 'The amount must be an integer.', field: 'amount' })
    const receipt = await sdkError(s.merchant.rzp.payments.refund(pay.id, { amount: 100, receipt: 'r'.repeat(41) }))
    expect(receipt.error.field).toBe('receipt')
    const notes = await sdkError(s.merchant.rzp.payments.refund(pay.id, { amount: 100, notes: Object.fromEntries(Array.from({ length: 16 }, (_v, i) => [`k${i}`, 'v'])) }))
    expect(notes.error.field).toBe('notes')
    expect(await s.merchant.rzp.payments.fetch(pay.id)).toMatchObject({ amount_refunded: 0, refund_status: null })
  })
})

describe('refund speed', () => {
  it('optimum is processed instantly', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    expect(await s.merchant.rzp.payments.refund(pay.id, { amount: 3000, speed: 'optimum' })).toMatchObject({
      speed_requested: 'optimum',
      speed_processed: 'instant',
      status: 'processed',
    })
  })

  it('optimum for the test amount ₹24.68 falls back to normal', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    expect(await s.merchant.rzp.payments.refund(pay.id, { amount: 2468, speed: 'optimum' })).toMatchObject({
      amount: 2468,
      speed_requested: 'optimum',
      speed_processed: 'normal',
    })
  })

  it('normal stays normal, whatever the amount', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    expect(await s.merchant.rzp.payments.refund(pay.id, { amount: 2468, speed: 'normal' })).toMatchObject({ speed_requested: 'normal', speed_processed: 'normal' })
    expect(await s.merchant.rzp.payments.refund(pay.id, { amount: 100 })).toMatchObject({ speed_requested: 'normal', speed_processed: 'normal' })
  })
})

describe('reading and editing refunds', () => {
  it('fetchMultipleRefund, fetchRefund, refunds.all, refunds.fetch and refunds.edit', async () => {
    const m = await s.newMerchant()
    const p1 = await capturedPayment(m, 10000)
    const p2 = await capturedPayment(m, 10000)
    const r1: any = await m.rzp.payments.refund(p1.id, { amount: 1000 })
    const r2: any = await m.rzp.payments.refund(p1.id, { amount: 2000, speed: 'optimum' })
    const r3: any = await m.rzp.payments.refund(p2.id, { amount: 3000 })

    const ofP1: any = await m.rzp.payments.fetchMultipleRefund(p1.id, {})
    expect(ofP1).toMatchObject({ entity: 'collection', count: 2 })
    expect(ofP1.items).toEqual([r2, r1])
    const paged: any = await m.rzp.payments.fetchMultipleRefund(p1.id, { count: 1, skip: 1 })
    expect(paged.items).toEqual([r1])

    expect(await m.rzp.payments.fetchRefund(p1.id, r1.id)).toEqual(r1)
    const wrongPayment = await sdkError(m.rzp.payments.fetchRefund(p2.id, r1.id))
    expect(wrongPayment.statusCode).toBe(400)
    expect(wrongPayment.error.description).toBe('The id provided does not exist')

    const all: any = await m.rzp.refunds.all()
    expect(all.items).toEqual([r3, r2, r1])
    expect((await m.rzp.refunds.all({ count: 2 })).items).toEqual([r3, r2])
    expect((await m.rzp.refunds.all({ payment_id: p2.id } as any)).items).toEqual([r3])
    expect(await m.rzp.refunds.fetch(r2.id)).toEqual(r2)
    expect(await m.rzp.refunds.fetch(r2.id, { payment_id: p1.id } as any)).toEqual(r2)

    const edited: any = await m.rzp.refunds.edit(r1.id, { notes: { notes_key_1: 'Beam me up Scotty.' } })
    expect(edited).toEqual({ ...r1, notes: { notes_key_1: 'Beam me up Scotty.' } })
    expect(await m.rzp.refunds.fetch(r1.id)).toEqual(edited)
    const badEdit = await sdkError(m.rzp.refunds.edit(r1.id, { notes: { a: 'b' }, amount: 1 } as any))
    expect(badEdit.error.description).toBe('amount is/are not required and should not be sent')
    const tooMany = await sdkError(m.rzp.refunds.all({ count: 101 }))
    expect(tooMany.error.description).toBe('The count may not be greater than 100')
  })
})

describe('refund events', () => {
  it('refund.created then refund.processed, each with the refund and payment entities', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const r: any = await s.merchant.rzp.payments.refund(pay.id, { amount: 4000, speed: 'optimum' })
    const events = (await eventsOf(s, s.merchant.id, r.id))
    expect(eventNames(events)).toEqual(['refund.created', 'refund.processed'])
    for (const e of events) {
      expect(e.contains).toEqual(['refund', 'payment'])
      expect(Object.keys(e.payload)).toEqual(['refund', 'payment'])
      expect(e.payload.payment.entity).toMatchObject({ id: pay.id, entity: 'payment', amount_refunded: 4000, refund_status: 'partial', status: 'captured' })
    }
    expect(events[0].payload.refund.entity).toMatchObject({ id: r.id, entity: 'refund', amount: 4000, status: 'pending', acquirer_data: { arn: null } })
    expect(events[1].payload.refund.entity).toEqual(r)
  })
})

describe('money rules', () => {
  it('no sequence of refunds takes more than the captured amount (property)', async () => {
    const m = await s.newMerchant()
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: 20000 }), fc.array(fc.option(fc.integer({ min: 1, max: 25000 }), { nil: undefined }), { maxLength: 6 }), async (captured, amounts) => {
        const pay = await capturedPayment(m, captured)
        let refunded = 0
        for (const amount of amounts) {
          const remaining = captured - refunded
          const expected = amount ?? remaining
          const ok = remaining > 0 && expected >= 100 && expected <= remaining
          try {
            const r: any = await m.rzp.payments.refund(pay.id, amount === undefined ? {} : { amount })
            expect(ok).toBe(true)
            expect(r.amount).toBe(expected)
            refunded += expected
          } catch (e: any) {
            expect(ok).toBe(false)
            expect(e.statusCode).toBe(400)
          }
        }
        const p: any = await m.rzp.payments.fetch(pay.id)
        expect(p.amount_refunded).toBe(refunded)
        expect(p.amount_refunded).toBeLessThanOrEqual(captured)
        expect(p.refund_status).toBe(refunded === 0 ? null : refunded === captured ? 'full' : 'partial')
        expect(p.status).toBe(refunded === captured ? 'refunded' : 'captured')
        const list: any = await m.rzp.payments.fetchMultipleRefund(pay.id, { count: 100 })
        expect(list.items.reduce((sum: number, r: any) => sum + r.amount, 0)).toBe(refunded)
      }),
      { numRuns: 12 },
    )
  })

  it('concurrent refunds never exceed the captured amount', async () => {
    const pay = await capturedPayment(s.merchant, 10000)
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => s.merchant.rzp.payments.refund(pay.id, { amount: 3000 })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    expect(await s.merchant.rzp.payments.fetch(pay.id)).toMatchObject({ amount_refunded: 9000, refund_status: 'partial', status: 'captured' })
  })
})
