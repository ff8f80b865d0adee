/**
 * The simulated bank's error catalog: the exact `error_*` values a failed test payment carries.
 *
 * Why: integrators test their failure handling against these strings, so they must match
 * Razorpay's documented texts byte for byte. Each value cites its source (RT: = shared/razorpay-docs).
 * Where the docs give a code/description/reason but no `source`/`step`, the choice is ours and is
 * marked CHOSEN; the chosen values are always from the documented vocabulary
 * (RT:errors/payments/payment-methods-error-parameters.md).
 *
 * Every function returns a fresh object, so callers may attach fields without aliasing the catalog.
 */

export type PaymentErrorCode = 'BAD_REQUEST_ERROR' | 'GATEWAY_ERROR' | 'SERVER_ERROR'

/** A failed payment's error, as stored on the payment (`error_code`, `error_description`, …) or sent in `{error:{…}}`. */
export interface PaymentError {
  code: PaymentErrorCode
  description: string
  source: string
  step: string
  reason: string
  /** Request parameter at fault, for API validation errors only, e.g. `card[number]`. */
  field?: string
}

/**
 * One literal per `Error reason` row of the error-card table in RT:payments/payments/test-card-details.md.
 * Note `insufficient_fund` (singular) is spelled as that table spells it; the generic list
 * RT:errors/payments/list.md spells it `insufficient_funds`.
 */
export const CARD_ERROR_REASONS = [
  'payment_timed_out',
  'insufficient_fund',
  'payment_cancelled',
  'card_declined',
  'card_disabled_for_online_payments',
  'card_number_invalid',
  'gateway_technical_error',
  'authentication_failed',
] as const

export type CardErrorReason = (typeof CARD_ERROR_REASONS)[number]

/**
 * code + description + reason: verbatim from RT:payments/payments/test-card-details.md ("Error Scenarios").
 * source + step: `payment_cancelled` is documented (RT:api/payments/entity.md "Failure" sample:
 * customer / payment_authentication); the rest are CHOSEN to match the failure each reason describes
 * in RT:errors/payments/cards.md.
 */
const CARD_ERRORS: Record<CardErrorReason, PaymentError> = {
  payment_timed_out: {
    code: 'BAD_REQUEST_ERROR',
    description: 'Your payment could not be completed due to a temporary issue. Try again later.',
    source: 'customer', // CHOSEN: "the customer exceeded the time limit"
    step: 'payment_authentication',
    reason: 'payment_timed_out',
  },
  insufficient_fund: {
    code: 'BAD_REQUEST_ERROR',
    description:
      'Your payment could not be completed due to insufficient account balance. Try another card or payment method.',
    source: 'customer', // CHOSEN: the customer's account lacks funds
    step: 'payment_authorization',
    reason: 'insufficient_fund',
  },
  payment_cancelled: {
    code: 'BAD_REQUEST_ERROR',
    description: 'Your payment has been cancelled. Try again or complete the payment later.',
    source: 'customer', // documented: RT:api/payments/entity.md
    step: 'payment_authentication',
    reason: 'payment_cancelled',
  },
  card_declined: {
    code: 'BAD_REQUEST_ERROR',
    description:
      'Your payment did not go through as it was declined by the bank. Try another payment method or contact your bank.',
    source: 'issuer_bank', // CHOSEN: "declined by the customer's bank"
    step: 'payment_authorization',
    reason: 'card_declined',
  },
  card_disabled_for_online_payments: {
    // The docs table wraps this text across two lines; joined with one space.
    code: 'BAD_REQUEST_ERROR',
    description: 'Your card is disabled for online payments. Please reach to your bank or try with another card.',
    source: 'issuer_bank', // CHOSEN: the issuer refuses online use of the card
    step: 'payment_authorization',
    reason: 'card_disabled_for_online_payments',
  },
  card_number_invalid: {
    code: 'BAD_REQUEST_ERROR',
    description: 'You have entered an incorrect card number. Try again.',
    source: 'customer', // CHOSEN: the customer typed a number the issuer does not know
    step: 'payment_authorization',
    reason: 'card_number_invalid',
  },
  gateway_technical_error: {
    code: 'GATEWAY_ERROR',
    description:
      'Your payment did not go through due to a temporary issue. Any debited amount will be refunded in 4-5 business days.',
    source: 'gateway', // CHOSEN: "downtime on our partner bank"
    step: 'payment_authorization',
    reason: 'gateway_technical_error',
  },
  authentication_failed: {
    code: 'GATEWAY_ERROR',
    description:
      'Your payment could not be completed due to incorrect OTP or verification details. Try another payment method or contact your bank for details.',
    source: 'customer', // CHOSEN: "the customer entered incorrect OTP/verification details"
    step: 'payment_authentication',
    reason: 'authentication_failed',
  },
}

/** The documented error of an error test card (shown once the customer presses Failure). */
export function scenarioError(reason: CardErrorReason): PaymentError {
  return { ...CARD_ERRORS[reason] }
}

/**
 * A success card whose OTP has fewer than 4 digits, or whose customer pressed Failure on the mock
 * page. Same values as the `authentication_failed` test-card row (RT:payments/payments/test-card-details.md).
 */
export function authenticationFailedError(): PaymentError {
  return scenarioError('authentication_failed')
}

/**
 * UPI `failure@razorpay`. Verbatim from the failed `vpa: "failure@razorpay"` payment in
 * RT:api/orders/fetch-payments.md.
 */
export function upiFailureError(): PaymentError {
  return {
    code: 'BAD_REQUEST_ERROR',
    description:
      'Payment was unsuccessful due to a temporary issue. If amount got deducted, it will be refunded within 5-7 working days.',
    source: 'gateway',
    step: 'payment_response',
    reason: 'payment_failed',
  }
}

/**
 * Failure pressed on the netbanking or wallet mock page. Verbatim from the `payment.failed`
 * webhook samples in RT:webhooks/payments.md: netbanking (bank HDFC) has source `bank`, wallet
 * (payzapp) has source `issuer`; both `Payment failed` / payment_authorization / payment_failed.
 */
export function bankPageFailureError(method: 'netbanking' | 'wallet'): PaymentError {
  return {
    code: 'BAD_REQUEST_ERROR',
    description: 'Payment failed',
    source: method === 'netbanking' ? 'bank' : 'issuer',
    step: 'payment_authorization',
    reason: 'payment_failed',
  }
}

/**
 * A malformed VPA. Verbatim from the "Invalid VPA" samples in
 * RT:payments/payment-gateway/android-integration/custom/additional-features.md (and the React Native page).
 */
export function invalidVpaError(): PaymentError {
  return {
    code: 'BAD_REQUEST_ERROR',
    description: 'Invalid VPA. Please enter a valid Virtual Payment Address',
    source: 'customer',
    step: 'payment_initiation',
    reason: 'invalid_vpa',
    field: 'vpa',
  }
}

/**
 * A request-validation failure, shaped as Razorpay reports them: business / payment_initiation /
 * input_validation_failed (RT:payments/payment-methods/cards/token-hq/merchant-requestor/apis.md).
 */
export function inputValidationError(description: string, field: string): PaymentError {
  return {
    code: 'BAD_REQUEST_ERROR',
    description,
    source: 'business',
    step: 'payment_initiation',
    reason: 'input_validation_failed',
    field,
  }
}

/** `The <field> field is required.`: the wording of Razorpay's required-field errors (spec §6). */
export function requiredFieldError(field: string): PaymentError {
  return inputValidationError(`The ${field} field is required.`, field)
}

/**
 * A number that is not a card number (bad characters, length, Luhn). Description verbatim from
 * RT:payments/payment-methods/cards/token-hq/merchant-requestor/apis.md ("The card number is invalid.");
 * the docs' field there is `number`, we name the payment parameter `card[number]`.
 */
export function invalidCardNumberError(): PaymentError {
  return inputValidationError('The card number is invalid.', 'card[number]')
}

/**
 * An expiry in the past. Reason `card_expired` and its text "The card has expired." are from
 * RT:errors/payments/list.md; source/step CHOSEN (the customer entered an expired card at initiation).
 */
export function cardExpiredError(field: 'card[expiry_month]' | 'card[expiry_year]'): PaymentError {
  return {
    code: 'BAD_REQUEST_ERROR',
    description: 'The card has expired.',
    source: 'customer',
    step: 'payment_initiation',
    reason: 'card_expired',
    field,
  }
}
