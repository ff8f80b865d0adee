/**
 * Card checks of the simulated bank: what a card number is, and whether its expiry and CVV pass.
 *
 * Why: Razorpay test mode accepts "any future expiry and any CVV" on its test cards
 * (RT:payments/payments/test-card-details.md) and decides the outcome from the number alone.
 * This module turns raw request values into a `CardInfo` (the card entity's fields) and the
 * scenario the mock bank plays out, or into the Razorpay-style validation error to return.
 * Pure: "now" is passed in, never read from the clock.
 */
import {
  cardExpiredError,
  inputValidationError,
  invalidCardNumberError,
  requiredFieldError,
  type PaymentError,
} from './errors.js'
import { luhnValid } from './luhn.js'
import { cvvLength, networkFromIin, type CardNetwork } from './networks.js'
import { findTestCard, type CardScenario, type CardType } from './test-cards.js'

export type { CardScenario, CardType } from './test-cards.js'
export type { CardNetwork } from './networks.js'

/** The card entity's descriptive fields (RT:api/payments/entity.md `card`), plus the IIN. */
export interface CardInfo {
  last4: string
  network: CardNetwork
  type: CardType
  /** 4-character issuing bank code, e.g. HDFC; null when unknown or foreign. */
  issuer: string | null
  international: boolean
  emi: boolean
  /** First 6 digits. */
  iin: string
}

export type CardClassification =
  | { ok: true; info: CardInfo; scenario: CardScenario }
  | { ok: false; error: PaymentError }

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === ''
}

/** Form bodies send strings, JSON bodies may send numbers; both are read as their digit text. */
function asText(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v)
  return null
}

/**
 * Classifies a card number: spaces are stripped (Razorpay trims them too), then it must be 12–19
 * digits and pass Luhn. Documented test cards get their documented behaviour; any other valid
 * number is a domestic success card whose network comes from its IIN.
 *
 * @example classifyCard('4100 2800 0008 0001') // { ok: true, scenario: 'insufficient_fund', … }
 */
export function classifyCard(number: unknown): CardClassification {
  if (isBlank(number)) return { ok: false, error: requiredFieldError('card[number]') }
  const text = asText(number)
  if (text === null) return { ok: false, error: invalidCardNumberError() }
  const digits = text.replace(/\s/g, '')
  if (!/^[0-9]{12,19}$/.test(digits) || !luhnValid(digits)) {
    return { ok: false, error: invalidCardNumberError() }
  }
  const base = { last4: digits.slice(-4), iin: digits.slice(0, 6) }
  const known = findTestCard(digits)
  if (known) {
    const { network, type, issuer, international, emi } = known
    return { ok: true, info: { ...base, network, type, issuer, international, emi }, scenario: known.scenario }
  }
  return {
    ok: true,
    info: {
      ...base,
      network: networkFromIin(digits),
      type: 'unknown',
      issuer: null,
      international: false,
      emi: false,
    },
    scenario: 'success',
  }
}

/** Parses a 1–2 digit month (1–12), or returns null. */
function parseMonth(v: unknown): number | null {
  const t = asText(v)
  if (t === null || !/^[0-9]{1,2}$/.test(t)) return null
  const m = Number(t)
  return m >= 1 && m <= 12 ? m : null
}

/** Parses a 2-digit (20yy) or 4-digit year, or returns null. */
function parseYear(v: unknown): number | null {
  const t = asText(v)
  if (t === null || !/^(?:[0-9]{2}|[0-9]{4})$/.test(t)) return null
  const y = Number(t)
  return t.length === 2 ? 2000 + y : y
}

/**
 * Any expiry from the current month onwards is accepted (a card is valid through its expiry
 * month). `now.month` is 1–12.
 *
 * @returns null when fine; otherwise the error, with `field` naming the offending parameter.
 */
export function validateExpiry(
  month: unknown,
  year: unknown,
  now: { year: number; month: number },
): PaymentError | null {
  if (isBlank(month)) return requiredFieldError('card[expiry_month]')
  if (isBlank(year)) return requiredFieldError('card[expiry_year]')
  const m = parseMonth(month)
  if (m === null) {
    return inputValidationError('The expiry month must be between 1 and 12.', 'card[expiry_month]')
  }
  const y = parseYear(year)
  if (y === null) {
    return inputValidationError('The expiry year must be 2 or 4 digits.', 'card[expiry_year]')
  }
  if (y < now.year) return cardExpiredError('card[expiry_year]')
  if (y === now.year && m < now.month) return cardExpiredError('card[expiry_month]')
  return null
}

/**
 * Any CVV of the right length: 4 digits for American Express, 3 for other networks.
 *
 * @returns null when fine; otherwise an input-validation error on `card[cvv]`.
 */
export function validateCvv(cvv: unknown, network: string): PaymentError | null {
  if (isBlank(cvv)) return requiredFieldError('card[cvv]')
  const n = cvvLength(network)
  const t = asText(cvv)
  if (t === null || !new RegExp(`^[0-9]{${n}}$`).test(t)) {
    const suffix = n === 4 ? ' for American Express cards' : ''
    return inputValidationError(`The cvv must be ${n} digits${suffix}.`, 'card[cvv]')
  }
  return null
}
