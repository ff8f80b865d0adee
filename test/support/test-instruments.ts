/**
 * Razorpay's documented test instruments and the exact errors they produce (behaviors.md §5;
 * RT:payments/payments/test-card-details.md), written out independently of src/bank so the tests
 * check the server against the docs, not against itself.
 */

export const AUTH_FAILED = {
  code: 'GATEWAY_ERROR',
  description:
    'Your payment could not be completed due to incorrect OTP or verification details. Try another payment method or contact your bank for details.',
  reason: 'authentication_failed',
}

/** The error-card table of RT:payments/payments/test-card-details.md (behaviors.md §5). */
export const CARD_ERROR_DESCRIPTIONS: Record<string, string> = {
  payment_timed_out: 'Your payment could not be completed due to a temporary issue. Try again later.',
  insufficient_fund: 'Your payment could not be completed due to insufficient account balance. Try another card or payment method.',
  payment_cancelled: 'Your payment has been cancelled. Try again or complete the payment later.',
  card_declined: 'Your payment did not go through as it was declined by the bank. Try another payment method or contact your bank.',
  card_disabled_for_online_payments: 'Your card is disabled for online payments. Please reach to your bank or try with another card.',
  card_number_invalid: 'You have entered an incorrect card number. Try again.',
  gateway_technical_error: 'Your payment did not go through due to a temporary issue. Any debited amount will be refunded in 4-5 business days.',
  authentication_failed: AUTH_FAILED.description,
}

export const ERROR_CARDS: [number: string, network: string, reason: string][] = [
  ['4100280000090000', 'Visa', 'payment_timed_out'],
  ['5305620000060000', 'MasterCard', 'payment_timed_out'],
  ['4100280000080001', 'Visa', 'insufficient_fund'],
  ['5305620000050001', 'MasterCard', 'insufficient_fund'],
  ['4100280000070002', 'Visa', 'payment_cancelled'],
  ['5305620000040002', 'MasterCard', 'payment_cancelled'],
  ['4100280000060003', 'Visa', 'card_declined'],
  ['5305620000030003', 'MasterCard', 'card_declined'],
  ['4100280000050004', 'Visa', 'card_declined'],
  ['5305620000020004', 'MasterCard', 'card_declined'],
  ['4100280000040005', 'Visa', 'card_declined'],
  ['5305620000010005', 'MasterCard', 'card_declined'],
  ['4100280000030006', 'Visa', 'card_disabled_for_online_payments'],
  ['5305620000000006', 'MasterCard', 'card_disabled_for_online_payments'],
  ['4100280000010008', 'Visa', 'card_number_invalid'],
  ['5305620000080008', 'MasterCard', 'card_number_invalid'],
  ['4100280000020007', 'Visa', 'gateway_technical_error'],
  ['5305620000090007', 'MasterCard', 'gateway_technical_error'],
  ['4100280000000009', 'Visa', 'authentication_failed'],
  ['5305620000070009', 'MasterCard', 'authentication_failed'],
]


export const errorCodeOf = (reason: string): 'GATEWAY_ERROR' | 'BAD_REQUEST_ERROR' =>
  reason === 'gateway_technical_error' || reason === 'authentication_failed' ? 'GATEWAY_ERROR' : 'BAD_REQUEST_ERROR'

/** UPI failure@razorpay (RT:api/orders/fetch-payments.md sample). */
export const UPI_FAILURE = {
  code: 'BAD_REQUEST_ERROR',
  description: 'Payment was unsuccessful due to a temporary issue. If amount got deducted, it will be refunded within 5-7 working days.',
  source: 'gateway',
  step: 'payment_response',
  reason: 'payment_failed',
}
