import { describe, expect, it } from 'vitest'
import { CARD_ERROR_REASONS, authenticationFailedError, scenarioError } from '../../src/bank/errors.js'
import { bankPageOutcome, cardOutcome, upiOutcome } from '../../src/bank/outcome.js'

describe('cardOutcome', () => {
  it('a success card with a 4–10 digit OTP is authorized', () => {
    expect(cardOutcome('success', 'success', '1234')).toEqual({ status: 'authorized' })
    expect(cardOutcome('success', 'success', '1234567890')).toEqual({ status: 'authorized' })
    expect(cardOutcome('success', 'success')).toEqual({ status: 'authorized' })
  })

  it('a success card with a 1–3 digit OTP fails authentication', () => {
    expect(cardOutcome('success', 'success', '123')).toEqual({ status: 'failed', error: authenticationFailedError() })
  })

  it('a malformed OTP rejects the request without deciding the payment', () => {
    expect(cardOutcome('success', 'success', 'abcd')).toMatchObject({
      status: 'rejected',
      error: { field: 'otp', reason: 'input_validation_failed' },
    })
    expect(cardOutcome('success', 'success', '')).toMatchObject({
      status: 'rejected',
      error: { description: 'The otp field is required.' },
    })
  })

  it('Failure on a success card is authentication_failed', () => {
    expect(cardOutcome('success', 'failure')).toEqual({ status: 'failed', error: authenticationFailedError() })
  })

  it.each(CARD_ERROR_REASONS.map((r) => [r]))('error card %s fails with its error on either button', (reason) => {
    const expected = { status: 'failed', error: scenarioError(reason) }
    expect(cardOutcome(reason, 'failure')).toEqual(expected)
    expect(cardOutcome(reason, 'success', '123456')).toEqual(expected)
  })
})

describe('bankPageOutcome and upiOutcome', () => {
  it('netbanking/wallet follow the button', () => {
    expect(bankPageOutcome('netbanking', 'success')).toEqual({ status: 'authorized' })
    expect(bankPageOutcome('netbanking', 'failure')).toMatchObject({ status: 'failed', error: { source: 'bank' } })
    expect(bankPageOutcome('wallet', 'failure')).toMatchObject({ status: 'failed', error: { source: 'issuer' } })
  })

  it('UPI follows the VPA', () => {
    expect(upiOutcome('success@razorpay')).toEqual({ status: 'authorized' })
    expect(upiOutcome('failure@razorpay')).toMatchObject({ status: 'failed', error: { reason: 'payment_failed' } })
  })
})
