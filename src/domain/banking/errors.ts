/**
 * RazorpayX's error envelope. Its API errors carry `source: "business"`, `step: null` and a
 * `reason` (`input_validation_failed`, `insufficient_funds`, …) (RT:api/x/error-codes.md,
 * RT:errors/x/contacts.md). These helpers build them on top of the shared catalog in http/errors.ts.
 */
import { badRequest, type ApiError } from '../../http/errors.js'

/** A RazorpayX validation error. */
export function xInvalid(description: string, field?: string, reason = 'input_validation_failed'): ApiError {
  return badRequest(description, { field, source: 'business', step: null, reason })
}

/** Laravel names a field with its underscores as spaces: "The account number field is required." */
export function xRequired(field: string): ApiError {
  return xInvalid(`The ${field.replace(/_/g, ' ')} field is required.`, field)
}

export const xErrors = {
  notFound: (field = 'id') => xInvalid('The id provided does not exist', field),
  /** RazorpayX's own pages end this one with a period (RT:api/x/contacts/fetch-with-id.md). */
  invalidId: (id: string, field = 'id') => xInvalid(`${id} is not a valid id.`, field),
  /** Observed wording (razorpay/razorpay-node#429) for an account_number that is not the merchant's. */
  accountNumberInvalid: () => xInvalid('The RazorpayX Account number is invalid.', 'account_number'),
}
