/** Making tokens the way an integration does (authorisation order + payment) and charging them. */
import { expect } from 'vitest'
import type { RawResponse, TestMerchant, TestServer } from '../../support/harness.js'
import { bankAction } from '../../support/payments.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

export const CARD = { number: '4111111111111111', name: 'Gaurav Kumar', expiry_month: '12', expiry_year: '30', cvv: '123' }
const contact = { email: 'gaurav.kumar@example.com', contact: '9000090000' }

export async function newCustomer(m: TestMerchant, name = 'Gaurav Kumar'): Promise<string> {
  return ((await m.rzp.customers.create({ name })) as any).id
}

async function tokenOf(m: TestMerchant, paymentId: string): Promise<string> {
  const p: any = await m.rzp.payments.fetch(paymentId)
  expect(p.token_id).toMatch(/^token_/)
  return p.token_id
}

export async function cardToken(m: TestMerchant, customerId: string, token: Record<string, unknown> = { max_amount: 5000 }): Promise<string> {
  const o: any = await m.rzp.orders.create({ amount: 100, currency: 'INR', customer_id: customerId, method: 'card', token } as any)
  const c: any = await m.rzp.payments.createPaymentJson({ amount: 100, currency: 'INR', order_id: o.id, customer_id: customerId, recurring: 1, ...contact, method: 'card', card: CARD } as any)
  await m.rzp.payments.otpSubmit(c.razorpay_payment_id, { otp: '1234' })
  return tokenOf(m, c.razorpay_payment_id)
}

export async function emandateToken(
  s: TestServer,
  m: TestMerchant,
  customerId: string,
  o: { authType?: string; accountNumber?: string; maxAmount?: number } = {},
): Promise<string> {
  const order: any = await m.rzp.orders.create({
    amount: 0,
    currency: 'INR',
    customer_id: customerId,
    method: 'emandate',
    token: {
      auth_type: o.authType ?? 'netbanking',
      max_amount: o.maxAmount ?? 9999900,
      bank_account: { beneficiary_name: 'Gaurav Kumar', account_number: o.accountNumber ?? '1121431121541121', ifsc_code: 'HDFC0000001' },
    },
  } as any)
  const c: any = await m.rzp.payments.createPaymentJson({ amount: 0, currency: 'INR', order_id: order.id, recurring: 1, ...contact, method: 'emandate', bank: 'HDFC' } as any)
  expect((await bankAction(s, c.razorpay_payment_id, 'success')).status).toBe(200)
  return tokenOf(m, c.razorpay_payment_id)
}

export async function upiToken(m: TestMerchant, customerId: string, vpa = 'gaurav.kumar@upi', maxAmount = 200000): Promise<string> {
  const o: any = await m.rzp.orders.create({ amount: 100, currency: 'INR', customer_id: customerId, method: 'upi', token: { max_amount: maxAmount, frequency: 'monthly' } } as any)
  const c: any = await m.rzp.payments.createUpi({
    amount: 100,
    currency: 'INR',
    order_id: o.id,
    customer_id: customerId,
    recurring: '1',
    ...contact,
    method: 'upi',
    upi: { flow: 'collect', vpa, expiry_time: 5 },
  } as any)
  return tokenOf(m, c.razorpay_payment_id)
}

/** A new order for `amount` and POST /v1/payments/create/recurring on it (raw, to read refusals). */
export async function charge(m: TestMerchant, customerId: string, token: string, amount: number, orderExtra: Record<string, unknown> = {}): Promise<RawResponse> {
  const order: any = await m.rzp.orders.create({ amount, currency: 'INR', ...orderExtra } as any)
  return m.http('POST', '/v1/payments/create/recurring', {
    ...contact,
    amount,
    currency: 'INR',
    order_id: order.id,
    customer_id: customerId,
    token,
    recurring: 1,
  })
}
