import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startTestServer, type TestServer } from '../support/harness.js'
import { capturedPayment } from '../support/factories.js'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

describe('partial refunds', () => {
  it('refunds in parts until full, then refuses', async () => {
    const rzp = s.merchant.rzp
    const pay = await capturedPayment(s.merchant, 10000)
    const r1 = await rzp.payments.refund(pay.id, { amount: 3000, notes: { why: 'damaged' }, receipt: 'rf-1' })
    expect(r1).toMatchObject({ entity: 'refund', amount: 3000, payment_id: pay.id, status: 'processed', speed_requested: 'normal', speed_processed: 'normal', receipt: 'rf-1', batch_id: null })
    expect(await rzp.payments.fetch(pay.id)).toMatchObject({ status: 'captured', amount_refunded: 3000, refund_status: 'partial' })

    const tooMuch = await sdkError(rzp.payments.refund(pay.id, { amount: 7001 }))
    expect(tooMuch.statusCode).toBe(400)
    expect(tooMuch.error.description).toBe('The refund amount provided is greater than amount captured.')

    const r2 = await rzp.payments.refund(pay.id, {})
    expect(r2.amount).toBe(7000)
    expect(await rzp.payments.fetch(pay.id)).toMatchObject({ status: 'refunded', amount_refunded: 10000, refund_status: 'full' })
    const done = await sdkError(rzp.payments.refund(pay.id, { amount: 100 }))
    expect(done.error.description).toBe('The payment has been fully refunded already.')

    const list = await rzp.payments.fetchMultipleRefund(pay.id, {})
    expect(list.items.map((r: any) => r.id)).toEqual([r2.id, r1.id])
    expect(await rzp.payments.fetchRefund(pay.id, r1.id)).toEqual(r1)
    expect(await rzp.refunds.fetch(r1.id)).toEqual(r1)
    const edited = await rzp.refunds.edit(r1.id, { notes: { k: 'v' } })
    expect(edited.notes).toEqual({ k: 'v' })
    const all = await rzp.refunds.all({ count: 2 })
    expect(all.count).toBe(2)
  })

  it('refuses refunds on payments that are not captured', async () => {
    const err = await sdkError(s.merchant.rzp.payments.refund('pay_00000000000000', { amount: 100 }))
    expect(err.error.description).toBe('The id provided does not exist')
  })
})
