/**
 * The simulated bank's side of mandates: when a registration is answered, when a debit is, and the
 * test instruments that make them fail. Razorpay documents no test data for mandate or debit
 * failures, so these are CHOSEN (listed in README.md, "Recurring payments"):
 *
 *   mandate bank account number 1111111111   the bank rejects the registration (token.rejected,
 *                                             failure_reason "Rejected by bank")
 *   mandate bank account number 2222222222   registered; every debit fails with insufficient_funds
 *   UPI VPA ending "@insufficient"            (e.g. gaurav@insufficient) registered; debits fail
 *
 * Timing (RT:payments/recurring-payments/emandate/faqs.md), on the merchant's clock, in IST with
 * working days Monday–Friday (settlements/calendar.ts):
 *  - registration: real time for cards, UPI and e-mandate by netbanking or debit card; Aadhaar
 *    e-mandates T+1: requests before a working day's 09:00 cut-off are confirmed at that cut-off,
 *    later ones at the next working day's (CHOSEN: confirmed at the cut-off itself); paper NACH at
 *    the second cut-off (CHOSEN: the bank verifies the form a working day later);
 *  - e-mandate and NACH debits: processed on the day of the next 09:00 cut-off, answered at 18:00 IST
 *    that day ("by end of the day"); UPI debits 25 hours after the pre-debit notification, which is
 *    delivered at once (CHOSEN); card debits at once (the card pre-debit notification window is not
 *    modelled);
 *  - cancelling a deleted mandate: e-mandate and NACH the next working day's cut-off ("on the next
 *    working day"); card and UPI at once.
 */
import type { PaymentError } from '../../bank/index.js'
import { nextSlotAfter } from '../settlements/calendar.js'
import type { TokenRow } from './store.js'

export const REJECTED_ACCOUNT = '1111111111'
export const INSUFFICIENT_ACCOUNT = '2222222222'
export const INSUFFICIENT_VPA_HANDLE = '@insufficient'

function accountNumber(t: TokenRow): string | null {
  if (t.bank_details === null) return null
  return (JSON.parse(t.bank_details) as { account_number?: string }).account_number ?? null
}

/** When the bank answers a registration made at `now`. */
export function registrationAnsweredAt(t: TokenRow, now: number): number {
  if (t.method === 'emandate' && t.auth_type === 'aadhaar') return nextSlotAfter(now - 1)
  if (t.method === 'nach') return nextSlotAfter(nextSlotAfter(now - 1))
  return now
}

/** The bank's answer: null to confirm, else the failure reason. */
export function registrationRejection(t: TokenRow): string | null {
  return accountNumber(t) === REJECTED_ACCOUNT ? 'Rejected by bank' : null
}

/** When a debit on this token, created at `now`, is answered (`now` itself: synchronously). */
export function debitAnsweredAt(t: TokenRow, now: number): number {
  if (t.method === 'emandate' || t.method === 'nach') return nextSlotAfter(now - 1) + 9 * 3600
  if (t.method === 'upi') return now + 25 * 3600
  return now
}

/** When the mandate behind a deleted token is cancelled. */
export function cancellationAt(t: TokenRow, now: number): number {
  return t.method === 'emandate' || t.method === 'nach' ? nextSlotAfter(now) : now
}

const INSUFFICIENT: Record<string, PaymentError> = {
  upi: {
    code: 'BAD_REQUEST_ERROR',
    description: 'Transaction failed due to insufficient funds.', // RT:…/upi/create-subsequent-payments.md
    source: 'customer',
    step: 'payment_authorization',
    reason: 'insufficient_funds',
  },
  bank: {
    code: 'BAD_REQUEST_ERROR',
    // RT:payments/recurring-payments/emandate/errors.md, "Subsequent Payments" (explanation column)
    description: 'The customer does not have sufficient funds in the account to complete the payment.',
    source: 'customer',
    step: 'payment_authorization',
    reason: 'insufficient_funds',
  },
}

/** The bank's answer to a debit: null when it succeeds. */
export function debitFailure(t: TokenRow): PaymentError | null {
  if (t.method === 'upi' && t.vpa?.toLowerCase().endsWith(INSUFFICIENT_VPA_HANDLE)) return { ...INSUFFICIENT.upi }
  if ((t.method === 'emandate' || t.method === 'nach') && accountNumber(t) === INSUFFICIENT_ACCOUNT) return { ...INSUFFICIENT.bank }
  return null
}
