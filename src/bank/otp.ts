/**
 * The mock bank page's OTP rule.
 *
 * Why: Razorpay's test mode documents it exactly: "Enter a random OTP between 4 to 10 digits to
 * make the payment successful" and "Enter a random OTP below 4 digits to fail the payment"
 * (RT:payments/payments/test-card-details.md). Anything that is not digits at all, or longer than
 * 10, is not an OTP the page would accept: the request is rejected as a validation error and the
 * payment stays where it was.
 */

export type OtpVerdict = 'ok' | 'fail' | 'invalid'

/**
 * - `'ok'`: 4–10 digits, authentication succeeds.
 * - `'fail'`: 1–3 digits, authentication fails (see `authenticationFailedError`).
 * - `'invalid'`: empty, missing, non-digits or more than 10 digits; reject the request.
 *
 * Numbers are read as their decimal text (so `123456` is 6 digits).
 *
 * @example checkOtp('1234') // 'ok'
 */
export function checkOtp(otp: unknown): OtpVerdict {
  let text: string
  if (typeof otp === 'string') text = otp
  else if (typeof otp === 'number' && Number.isSafeInteger(otp) && otp >= 0) text = String(otp)
  else return 'invalid'
  if (!/^[0-9]{1,10}$/.test(text)) return 'invalid'
  return text.length >= 4 ? 'ok' : 'fail'
}
