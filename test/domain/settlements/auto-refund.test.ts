/**
 * Auto-refund: a payment authorized but not captured is refunded in full after 5 days, or after the
 * order's payment.capture_options.manual_expiry_period (minutes); capturing first cancels it; a late
 * authorization its order can no longer take is refunded at once. None of it touches the ledger:
 * an uncaptured authorization never reached the merchant's balance.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../../support/harness.js'
import { advance, DAY } from '../../support/ist-clock.js'
import { assertLedgerBalanced, balances } from '../../support/ledger.js'
import { authorizedCardPayment, eventNames, eventsOf, newOrder, startCardPayment, upiPayment } from '../../support/payments.js'
import { AUTO_REFUND_JOB } from '../../../src/domain/refunds/auto-refund.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ subscribeAll: true })
})
afterEach(() => assertLedgerBalanced(s))
afterAll(() => s.close())

const NOTHING = { customers: 0, merchantBalance: 0, fees: 0, merchantBank: 0 }

async function jobsOf(paymentId: string) {
  return s.store.db.selectFrom('jobs').select(['kind', 'status', 'run_at']).where('subject_id', '=', paymentId).execute()
}

describe('auto-refund of uncaptured payments', () => {
  it('refunds an authorized payment in full 5 days after authorization', async () => {
    const m = await s.newMerchant()
    const p = await authorizedCardPayment(m, { amount: 25000 })
    const authorized: any = await m.rzp.payments.fetch(p.id)
    const [job] = await jobsOf(p.id)
    expect(job).toMatchObject({ kind: AUTO_REFUND_JOB, status: 'pending' })
    expect(job.run_at - (authorized.created_at + 5 * DAY)).toBeGreaterThanOrEqual(0) // authorized_at + 5 days
    expect(job.run_at - (authorized.created_at + 5 * DAY)).toBeLessThanOrEqual(2)

    await advance(m, 5 * DAY - 120)
    expect(await m.rzp.payments.fetch(p.id)).toMatchObject({ status: 'authorized', amount_refunded: 0 })
    await advance(m, 240)
    expect(await m.rzp.payments.fetch(p.id)).toMatchObject({
      status: 'refunded',
      captured: false,
      amount_refunded: 25000,
      refund_status: 'full',
      fee: null,
      tax: null,
    })
    const refunds: any = await m.rzp.payments.fetchMultipleRefund(p.id, {})
    expect(refunds.count).toBe(1)
    expect(refunds.items[0]).toMatchObject({
      entity: 'refund',
      amount: 25000,
      currency: 'INR',
      payment_id: p.id,
      status: 'processed',
      speed_requested: 'normal',
      speed_processed: 'normal',
    })
    // refunded when the 5 days ran out (the job runs at its due time, give or take a second)
    expect(refunds.items[0].created_at - (authorized.created_at + 5 * DAY)).toBeGreaterThanOrEqual(0)
    expect(refunds.items[0].created_at - (authorized.created_at + 5 * DAY)).toBeLessThanOrEqual(2)
    const events = await eventsOf(s, m.id, p.id)
    expect(eventNames(events)).toEqual(['payment.authorized', 'refund.created', 'refund.processed'])
    expect(events[2].payload.payment.entity).toMatchObject({ id: p.id, status: 'refunded', captured: false, amount_refunded: 25000 })
    expect(events[1].payload.refund.entity).toMatchObject({ status: 'pending' })
    expect((await jobsOf(p.id))[0].status).toBe('done')
    // The hold is released at the customer's bank: nothing moved in the merchant's books.
    expect(await balances(s, m.id)).toEqual(NOTHING)
    // …and refunding it again, or capturing it, is refused.
    expect((await sdkError(m.rzp.payments.refund(p.id, {}))).error.description).toBe('The payment has been fully refunded already.')
    // It was never captured, so the refusal does not claim it was.
    expect((await sdkError(m.rzp.payments.capture(p.id, 25000, 'INR'))).error.description).toBe(
      'Only payments which have been authorized and not yet captured can be captured',
    )
  })

  it("uses the order's manual_expiry_period (minutes) and refund_speed", async () => {
    const m = await s.newMerchant()
    const order = await newOrder(m, 10000, { payment: { capture: 'manual', capture_options: { manual_expiry_period: 30, refund_speed: 'optimum' } } })
    const p = await authorizedCardPayment(m, { orderId: order.id })
    await advance(m, 29 * 60)
    expect((await m.rzp.payments.fetch(p.id)).status).toBe('authorized')
    await advance(m, 120)
    expect((await m.rzp.payments.fetch(p.id)).status).toBe('refunded')
    const refunds: any = await m.rzp.payments.fetchMultipleRefund(p.id, {})
    expect(refunds.items[0]).toMatchObject({ amount: 10000, speed_requested: 'optimum', speed_processed: 'instant' })
    expect(await m.rzp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', amount_paid: 0 })
  })

  it('capturing before the expiry cancels the auto-refund', async () => {
    const m = await s.newMerchant()
    const p = await upiPayment(m, 'success@razorpay', { amount: 10000 })
    await advance(m, 4 * DAY)
    await m.rzp.payments.capture(p.id, 10000, 'INR')
    expect(await jobsOf(p.id)).toEqual([expect.objectContaining({ kind: AUTO_REFUND_JOB, status: 'cancelled' })])
    await advance(m, 3 * DAY)
    expect(await m.rzp.payments.fetch(p.id)).toMatchObject({ status: 'captured', amount_refunded: 0, refund_status: null })
    expect((await m.rzp.payments.fetchMultipleRefund(p.id, {})).count).toBe(0)
    expect(eventNames(await eventsOf(s, m.id, p.id))).toEqual(['payment.authorized', 'payment.captured', 'order.paid'])
  })

  it('auto-captured payments schedule no auto-refund', async () => {
    const m = await s.newMerchant()
    const p = await upiPayment(m, 'success@razorpay', { order: { payment_capture: 1 } })
    expect((await m.rzp.payments.fetch(p.id)).status).toBe('captured')
    expect((await jobsOf(p.id)).filter((j) => j.kind === AUTO_REFUND_JOB)).toEqual([])
  })

  it('the late payment of two on one order is refunded once the other is captured and time runs out', async () => {
    const m = await s.newMerchant()
    const order = await newOrder(m, 10000)
    const a = await startCardPayment(m, '4111111111111111', { orderId: order.id })
    const b = await startCardPayment(m, '4111111111111111', { orderId: order.id })
    await m.rzp.payments.otpSubmit(a.id, { otp: '1234' })
    await m.rzp.payments.otpSubmit(b.id, { otp: '1234' })
    await m.rzp.payments.capture(a.id, 10000, 'INR')
    const before = await balances(s, m.id)
    await advance(m, 5 * DAY + 60)
    expect(await m.rzp.payments.fetch(b.id)).toMatchObject({ status: 'refunded', captured: false })
    expect(await m.rzp.payments.fetch(a.id)).toMatchObject({ status: 'captured', amount_refunded: 0 })
    // Only the settlement of `a` moved money since (merchant_balance → merchant_bank).
    const after = await balances(s, m.id)
    expect(after.customers).toBe(before.customers)
    expect(after.merchantBank + after.merchantBalance).toBe(before.merchantBalance)
  })

  it('a late authorization on a paid order is refunded at once, with no auto-refund job left', async () => {
    const m = await s.newMerchant()
    const order = await newOrder(m, 10000, { payment_capture: 1 })
    const a = await startCardPayment(m, '4111111111111111', { orderId: order.id })
    const b = await startCardPayment(m, '4111111111111111', { orderId: order.id })
    await m.rzp.payments.otpSubmit(a.id, { otp: '1234' })
    await m.rzp.payments.otpSubmit(b.id, { otp: '1234' })
    expect(await m.rzp.payments.fetch(b.id)).toMatchObject({ status: 'refunded', amount_refunded: 10000 })
    expect(await jobsOf(b.id)).toEqual([])
    expect(await balances(s, m.id)).toMatchObject({ customers: -10000, merchantBalance: 10000 - 200, fees: 200 })
  })
})
