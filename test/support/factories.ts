/** Builders for common states: an order, an authorized payment, a captured payment. */
import type { TestMerchant } from './harness.js'

export const testCard = (number = '4111111111111111') => ({ number, name: 'Gaurav Kumar', expiry_month: '12', expiry_year: '30', cvv: '123' })
export const testCustomer = { email: 'gaurav.kumar@example.com', contact: '9000090000' }

export async function authorizedPayment(m: TestMerchant, amount = 10000, opts: { card?: string } = {}): Promise<{ id: string; orderId: string }> {
  const order = await m.rzp.orders.create({ amount, currency: 'INR' })
  const created: any = await m.rzp.payments.createPaymentJson({
    amount,
    currency: 'INR',
    order_id: order.id,
    ...testCustomer,
    method: 'card',
    card: testCard(opts.card),
  })
  await m.rzp.payments.otpSubmit(created.razorpay_payment_id, { otp: '1234' })
  return { id: created.razorpay_payment_id, orderId: order.id }
}

export async function capturedPayment(m: TestMerchant, amount = 10000): Promise<{ id: string; orderId: string }> {
  const p = await authorizedPayment(m, amount)
  await m.rzp.payments.capture(p.id, amount, 'INR')
  return p
}
