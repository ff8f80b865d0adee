/**
 * UPI in the simulated bank: VPA format, the test VPAs' outcomes, and VPA validation.
 *
 * Why: Razorpay test mode documents two VPAs, `success@razorpay` (succeeds) and
 * `failure@razorpay` (fails) (RT:payments/payments/test-upi-details.md). The sandbox treats every
 * other well-formed VPA like `success@razorpay`, so integrators can use their own test VPAs.
 * In test mode "payment cancellation will result in a successful payment" (same page), so there is
 * no cancel outcome here. VPAs are case-insensitive, as UPI addresses are.
 */
import { invalidVpaError, type PaymentError } from './errors.js'

/** handle@psp: 2–256 of [A-Za-z0-9._-], one '@', then 2–64 letters. */
const VPA_FORMAT = /^[a-zA-Z0-9.\-_]{2,256}@[a-zA-Z]{2,64}$/

export const UPI_SUCCESS_VPA = 'success@razorpay'
export const UPI_FAILURE_VPA = 'failure@razorpay'

/** The name the validate-VPA sample returns (RT:payments/payment-methods/upi/vpa-validation.md). */
export const TEST_VPA_CUSTOMER_NAME = 'Gaurav Kumar'

export function validateVpaFormat(vpa: unknown): boolean {
  return typeof vpa === 'string' && VPA_FORMAT.test(vpa)
}

/** Outcome of a UPI payment to a well-formed VPA: only `failure@razorpay` fails. */
export function upiScenario(vpa: string): 'success' | 'failure' {
  return vpa.toLowerCase() === UPI_FAILURE_VPA ? 'failure' : 'success'
}

/**
 * The account holder's name for `POST /v1/payments/validate/vpa`, or null when the VPA is not a
 * valid, existing one (malformed, or `failure@razorpay`).
 */
export function vpaCustomerName(vpa: unknown): string | null {
  if (!validateVpaFormat(vpa)) return null
  return upiScenario(vpa as string) === 'failure' ? null : TEST_VPA_CUSTOMER_NAME
}

/** Body of `POST /v1/payments/validate/vpa` (RT:payments/payment-methods/upi/vpa-validation.md). */
export type VpaValidationBody =
  | { vpa: string; success: true; customer_name: string }
  | { vpa: string; success: false }

/**
 * The full validate-VPA answer: a malformed VPA is a 400 `invalid_vpa` error; a well-formed one
 * that does not exist (`failure@razorpay`) is `success: false` without `customer_name` ("Appears
 * only when the value of success is true"); anything else exists.
 */
export function validateVpa(
  vpa: unknown,
): { ok: true; body: VpaValidationBody } | { ok: false; error: PaymentError } {
  if (!validateVpaFormat(vpa)) return { ok: false, error: invalidVpaError() }
  const v = vpa as string
  const name = vpaCustomerName(v)
  return { ok: true, body: name === null ? { vpa: v, success: false } : { vpa: v, success: true, customer_name: name } }
}
