import { describe, expect, it } from 'vitest'
import {
  CARD_ERROR_REASONS,
  authenticationFailedError,
  bankPageFailureError,
  invalidCardNumberError,
  invalidVpaError,
  scenarioError,
  upiFailureError,
  type CardErrorReason,
} from '../../src/bank/errors.js'

// Verbatim from shared/razorpay-docs/payments/payments/test-card-details.md, "Error Scenarios".
const DOCUMENTED: Record<CardErrorReason, { code: string; description: string }> = {
  payment_timed_out: {
    code: 'BAD_REQUEST_ERROR',
    description: 'Your payment could not be completed due to a temporary issue. Try again later.',
  },
  insufficient_fund: {
    code: 'BAD_REQUEST_ERROR',
    description:
      'Your payment could not be completed due to insufficient account balance. Try another card or payment method.',
  },
  payment_cancelled: {
    code: 'BAD_REQUEST_ERROR',
    description: 'Your payment has been cancelled. Try again or complete the payment later.',
  },
  card_declined: {
    code: 'BAD_REQUEST_ERROR',
    description:
      'Your payment did not go through as it was declined by the bank. Try another payment method or contact your bank.',
  },
  card_disabled_for_online_payments: {
    code: 'BAD_REQUEST_ERROR',
    description: 'Your card is disabled for online payments. Please reach to your bank or try with another card.',
  },
  card_number_invalid: {
    code: 'BAD_REQUEST_ERROR',
    description: 'You have entered an incorrect card number. Try again.',
  },
  gateway_technical_error: {
    code: 'GATEWAY_ERROR',
    description:
      'Your payment did not go through due to a temporary issue. Any debited amount will be refunded in 4-5 business days.',
  },
  authentication_failed: {
    code: 'GATEWAY_ERROR',
    description:
      'Your payment could not be completed due to incorrect OTP or verification details. Try another payment method or contact your bank for details.',
  },
}

const CARD_SOURCES = ['customer', 'business', 'internal', 'gateway', 'issuer_bank']
const CARD_STEPS = [
  'payment_initiation',
  'card_enrollment_check',
  'payment_authentication',
  'payment_authorization',
  'payment_capture',
]

describe('scenarioError', () => {
  it('has exactly the eight reasons of the error-card table', () => {
    expect([...CARD_ERROR_REASONS].sort()).toEqual(Object.keys(DOCUMENTED).sort())
  })

  it.each(CARD_ERROR_REASONS.map((r) => [r]))('%s has its documented code, description and reason', (reason) => {
    const e = scenarioError(reason)
    expect(e.code).toBe(DOCUMENTED[reason].code)
    expect(e.description).toBe(DOCUMENTED[reason].description)
    expect(e.reason).toBe(reason)
    expect(CARD_SOURCES).toContain(e.source)
    expect(CARD_STEPS).toContain(e.step)
    expect(e.field).toBeUndefined()
  })

  it('payment_cancelled matches the documented failed payment entity sample', () => {
    expect(scenarioError('payment_cancelled')).toEqual({
      code: 'BAD_REQUEST_ERROR',
      description: 'Your payment has been cancelled. Try again or complete the payment later.',
      source: 'customer',
      step: 'payment_authentication',
      reason: 'payment_cancelled',
    })
  })

  it('returns a fresh object each time', () => {
    const a = scenarioError('card_declined')
    a.description = 'mutated'
    expect(scenarioError('card_declined').description).toBe(DOCUMENTED.card_declined.description)
  })
})

describe('other bank errors', () => {
  it('authentication failure uses the authentication_failed row', () => {
    expect(authenticationFailedError()).toEqual(scenarioError('authentication_failed'))
    expect(authenticationFailedError().code).toBe('GATEWAY_ERROR')
  })

  it('failure@razorpay matches the documented failed UPI payment', () => {
    expect(upiFailureError()).toEqual({
      code: 'BAD_REQUEST_ERROR',
      description:
        'Payment was unsuccessful due to a temporary issue. If amount got deducted, it will be refunded within 5-7 working days.',
      source: 'gateway',
      step: 'payment_response',
      reason: 'payment_failed',
    })
  })

  it('netbanking and wallet failures match the payment.failed webhook samples', () => {
    expect(bankPageFailureError('netbanking')).toEqual({
      code: 'BAD_REQUEST_ERROR',
      description: 'Payment failed',
      source: 'bank',
      step: 'payment_authorization',
      reason: 'payment_failed',
    })
    expect(bankPageFailureError('wallet').source).toBe('issuer')
    expect(bankPageFailureError('wallet').reason).toBe('payment_failed')
  })

  it('invalid card number is an input validation error on card[number]', () => {
    expect(invalidCardNumberError()).toEqual({
      code: 'BAD_REQUEST_ERROR',
      description: 'The card number is invalid.',
      source: 'business',
      step: 'payment_initiation',
      reason: 'input_validation_failed',
      field: 'card[number]',
    })
  })

  it('invalid VPA matches the documented error', () => {
    expect(invalidVpaError()).toMatchObject({
      description: 'Invalid VPA. Please enter a valid Virtual Payment Address',
      reason: 'invalid_vpa',
      source: 'customer',
      step: 'payment_initiation',
      field: 'vpa',
    })
  })
})
