/**
 * Rows written straight into the store, for order tests that need payments on an order (the
 * `authorized` filter, `expand[]=payments`, fetchPayments) without depending on the payment flow.
 */
import { newId } from '../../src/shared/ids.js'
import type { PaymentRow } from '../../src/store/schema.js'
import type { Store } from '../../src/store/store.js'

export async function insertPayment(
  store: Store,
  p: { merchantId: string; orderId: string; amount: number; status: 'created' | 'authorized' | 'captured' | 'failed' | 'refunded'; createdAt: number },
): Promise<string> {
  const id = newId('payment')
  const authorized = p.status === 'authorized' || p.status === 'captured' || p.status === 'refunded'
  const row: PaymentRow = {
    id,
    merchant_id: p.merchantId,
    order_id: p.orderId,
    invoice_id: null,
    amount: p.amount,
    currency: 'INR',
    status: p.status,
    method: 'upi',
    international: 0,
    amount_refunded: 0,
    refund_status: null,
    captured: p.status === 'captured' ? 1 : 0,
    description: null,
    card_id: null,
    bank: null,
    wallet: null,
    vpa: 'success@razorpay',
    email: 'a@example.com',
    contact: '+919999999999',
    customer_id: null,
    token_id: null,
    notes: '{}',
    fee: null,
    tax: null,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    acquirer_data: '{}',
    upi: null,
    scenario: 'success',
    auth_step: null,
    otp_attempts: 0,
    callback_url: null,
    created_at: p.createdAt,
    authorized_at: authorized ? p.createdAt : null,
    captured_at: p.status === 'captured' ? p.createdAt : null,
  }
  await store.write((tx) => tx.insertInto('payments').values(row).execute())
  return id
}
