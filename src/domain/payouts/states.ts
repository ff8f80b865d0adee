/**
 * Payout statuses and their transitions (RT:x/payouts/states-life-cycle.md, RT:x/payouts/queued.md):
 *
 *   create ──► processing ──► processed ──► reversed
 *     │            │ └──────────────────────► reversed
 *     │            └──► failed
 *     └──► queued ──► processing
 *             └────► cancelled
 *
 * `pending`, `rejected` (approval workflows) and `scheduled` exist on Razorpay but not in its test
 * mode, so nothing here enters them. `status_details` texts come from
 * RT:errors/x/payout-status-details.md.
 */
export const PAYOUT_STATUSES = ['queued', 'pending', 'rejected', 'scheduled', 'processing', 'processed', 'cancelled', 'reversed', 'failed'] as const
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]

const TRANSITIONS: Partial<Record<PayoutStatus, readonly PayoutStatus[]>> = {
  queued: ['processing', 'cancelled'],
  processing: ['processed', 'failed', 'reversed'],
  processed: ['reversed'],
}

export function canTransition(from: string, to: PayoutStatus): boolean {
  return (TRANSITIONS[from as PayoutStatus] ?? []).includes(to)
}

export interface StatusDetails {
  description: string
  source: 'gateway' | 'beneficiary_bank' | 'business' | 'internal'
  reason: string
}

/** Final-state reasons the simulated bank can give (the test triggers pick one). */
export const FAILURE_DETAILS = {
  bank_account_invalid: { description: 'Payout failed due to invalid beneficiary account details.', source: 'beneficiary_bank' },
  beneficiary_vpa_invalid: {
    description: 'UPI validation failed. If the UPI ID is valid, please retry after sometime.',
    source: 'business',
  },
  imps_not_allowed: { description: 'IMPS is not enabled on beneficiary account. Please retry with different mode.', source: 'beneficiary_bank' },
  invalid_beneficiary: {
    description: 'Customer account does not exist with the wallet provider for the given phone number.',
    source: 'business',
  },
  beneficiary_bank_rejected: {
    description: 'Payout rejected by the beneficiary bank. Please contact the beneficiary bank.',
    source: 'beneficiary_bank',
  },
} as const satisfies Record<string, Omit<StatusDetails, 'reason'>>

export type FailureReason = keyof typeof FAILURE_DETAILS

export function failureDetails(reason: FailureReason): StatusDetails {
  return { ...FAILURE_DETAILS[reason], reason }
}

export const QUEUED_LOW_BALANCE: StatusDetails = {
  description: 'Payout is queued as there is insufficient balance in your account to process the payout.',
  source: 'business',
  reason: 'low_balance',
}

export const PROCESSED: StatusDetails = {
  description: 'Payout is processed and the money has been credited into the beneficiary account.',
  source: 'beneficiary_bank',
  reason: 'payout_processed',
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "24 Oct 2021, 10:40 PM" in IST, the zone RazorpayX writes these dates in. */
export function istDate(unix: number): string {
  const d = new Date((unix + 19800) * 1000)
  const h = d.getUTCHours()
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${mm} ${h < 12 ? 'AM' : 'PM'}`
}

/** The last one made: payouts of the same second (most of a busy second's) share it. */
let lastProcessing: { at: number; details: StatusDetails } | null = null

export function processingDetails(expectedAt: number): StatusDetails {
  if (lastProcessing?.at === expectedAt) return lastProcessing.details
  const details: StatusDetails = {
    description: `Payout is being processed by the partner bank. Please check the final status after ${istDate(expectedAt)}.`,
    source: 'gateway',
    reason: 'payout_bank_processing',
  }
  lastProcessing = { at: expectedAt, details: Object.freeze(details) }
  return details
}
