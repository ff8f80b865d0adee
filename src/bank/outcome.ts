/**
 * What the mock bank page does when the customer acts on it: authorize, fail, or reject the input.
 *
 * Why: the rules for "which button, which OTP, which card" live in one place, so the checkout page,
 * the S2S OTP-submit endpoint and the tests all agree. Documented rules (spec §5;
 * RT:payments/payments/test-card-details.md, test-upi-details.md):
 *  - an OTP of 4–10 digits succeeds, fewer than 4 fails (authentication_failed);
 *  - error cards give their documented error when the customer presses Failure;
 *  - netbanking and wallets: a mock page with success or failure;
 *  - UPI: success@razorpay succeeds, failure@razorpay fails.
 * CHOSEN where the docs are silent:
 *  - Failure on a success card → authentication_failed (the customer did not authenticate);
 *  - Success on an error card → still its documented error, so error cards fail deterministically,
 *    also in flows without buttons (S2S OTP submit).
 */
import type { CardScenario } from './cards.js'
import {
  authenticationFailedError,
  bankPageFailureError,
  inputValidationError,
  requiredFieldError,
  scenarioError,
  upiFailureError,
  type PaymentError,
} from './errors.js'
import { checkOtp } from './otp.js'
import { upiScenario } from './upi.js'

export type BankPageAction = 'success' | 'failure'

export type BankOutcome =
  | { status: 'authorized' }
  /** The payment fails with this error. */
  | { status: 'failed'; error: PaymentError }
  /** The request is invalid: answer 400 with this error and leave the payment as it was. */
  | { status: 'rejected'; error: PaymentError }

const AUTHORIZED: BankOutcome = { status: 'authorized' }

/**
 * Card payment on the mock page. `otp` is what the customer typed, or undefined when the flow has
 * no OTP field (then only the button counts).
 */
export function cardOutcome(scenario: CardScenario, action: BankPageAction, otp?: unknown): BankOutcome {
  if (action === 'failure') {
    return { status: 'failed', error: scenario === 'success' ? authenticationFailedError() : scenarioError(scenario) }
  }
  if (otp !== undefined) {
    const verdict = checkOtp(otp)
    if (verdict === 'invalid') {
      const error =
        otp === null || otp === '' ? requiredFieldError('otp') : inputValidationError('The otp must be 4 to 10 digits.', 'otp')
      return { status: 'rejected', error }
    }
    if (verdict === 'fail') return { status: 'failed', error: authenticationFailedError() }
  }
  return scenario === 'success' ? AUTHORIZED : { status: 'failed', error: scenarioError(scenario) }
}

/** Netbanking or wallet payment: the button decides. */
export function bankPageOutcome(method: 'netbanking' | 'wallet', action: BankPageAction): BankOutcome {
  return action === 'success' ? AUTHORIZED : { status: 'failed', error: bankPageFailureError(method) }
}

/** UPI payment to a well-formed VPA (check the format with `validateVpaFormat` first). */
export function upiOutcome(vpa: string): BankOutcome {
  return upiScenario(vpa) === 'success' ? AUTHORIZED : { status: 'failed', error: upiFailureError() }
}
