/**
 * Creating a payment the way a server-to-server integration does (POST /v1/payments/create/json
 * and /create/upi). The instrument is checked by the simulated bank; the payment is stored as
 * `created` and waits for authentication (OTP or the bank page) — except UPI collect, which the
 * test VPA decides at once (success@razorpay / failure@razorpay). Card EMI is a card payment on one
 * of the plans its issuer offers (src/bank/emi.ts), authenticated the same way.
 * Only last4, network, type and issuer of a card are kept; never the number or the CVV.
 */
import {
  EMI_PLANS,
  classifyCard,
  isKnownBank,
  isKnownWallet,
  resolveBankCode,
  upiOutcome,
  validateCvv,
  validateExpiry,
  validateVpaFormat,
  invalidVpaError,
  type PaymentError,
} from '../../bank/index.js'
import type { Deps, Merchant } from '../../http/context.js'
import { ApiError, badRequest, errors } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import { newId } from '../../shared/ids.js'
import { formatAmount } from '../../shared/money.js'
import type { CardRow, Db, OrderRow, PaymentRow } from '../../store/schema.js'
import { getOrder } from '../orders/service.js'
import { orderStore } from '../orders/store.js'
import { paymentHooks } from './hooks.js'
import { authorize, fail } from './lifecycle.js'
import type { PaymentCreateJson, PaymentCreateUpi } from './schema.js'
import { paymentStore } from './store.js'
import { checkContact, getCustomer } from '../customers/service.js'
import { isEmail } from '../../shared/email.js'

export type AuthStep = 'otp' | 'redirect'

export interface Created {
  payment: PaymentRow
  card: CardRow | null
}

// emandate: the authorisation payment of an e-mandate (issue 5); it needs an authorisation order,
// which tokens/authorisation.ts (a payment hook) checks.
const METHODS = new Set(['card', 'emi', 'netbanking', 'wallet', 'upi', 'emandate'])

/** The bank's verdict on an instrument as an API error (400, or 502 for gateway errors). */
export function bankError(e: PaymentError, metadata: Record<string, unknown> = {}): ApiError {
  return badRequest(e.description, {
    code: e.code,
    field: e.field,
    source: e.source,
    step: e.step,
    reason: e.reason,
    metadata,
    status: e.code === 'GATEWAY_ERROR' ? 502 : 400,
  })
}

interface Instrument {
  method: string
  scenario: string
  authStep: AuthStep | null
  card: Omit<CardRow, 'id' | 'merchant_id' | 'created_at'> | null
  bank: string | null
  wallet: string | null
  vpa: string | null
  international: boolean
  /** The payment's `emi` block (expand[]=emi): rate in hundredths of a percent a year, as documented. */
  emi: { issuer: string; rate: number; duration: number } | null
}

function nowYearMonth(unix: number): { year: number; month: number } {
  const d = new Date(unix * 1000)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 }
}

type CardInstrument = Pick<Instrument, 'scenario' | 'authStep' | 'international'> & { card: NonNullable<Instrument['card']> }

/** The card block of a card or EMI payment, checked by the simulated bank; OTP comes next. */
function checkCard(input: PaymentCreateJson, now: number): CardInstrument {
  if (!input.card) throw errors.required('card')
  const c = classifyCard(input.card.number)
  if (!c.ok) throw bankError(c.error)
  const expiry = validateExpiry(input.card.expiry_month, input.card.expiry_year, nowYearMonth(now))
  if (expiry) throw bankError(expiry)
  if (input.card.cvv !== undefined) {
    const cvv = validateCvv(input.card.cvv, c.info.network)
    if (cvv) throw bankError(cvv)
  } else if (c.info.network !== 'Maestro') throw errors.required('card[cvv]')
  return {
    scenario: c.scenario,
    authStep: 'otp',
    international: c.info.international,
    card: {
      name: input.card.name ?? '',
      last4: c.info.last4,
      network: c.info.network,
      type: c.info.type,
      issuer: c.info.issuer,
      international: c.info.international ? 1 : 0,
      emi: c.info.emi ? 1 : 0,
      sub_type: 'consumer',
      iin: c.info.iin,
      expiry_month: Number(input.card.expiry_month),
      expiry_year: Number(input.card.expiry_year) < 100 ? 2000 + Number(input.card.expiry_year) : Number(input.card.expiry_year),
    },
  }
}

/**
 * The EMI plan of an EMI payment: the card must be EMI-capable and its issuer must offer a plan of
 * `emi_duration` months. The smallest amount is the issuer's `min_amount` from the same table
 * GET /v1/methods shows (`emi_plans`), so the checkout and the API agree; RT:payments/payment-methods/
 * emi/credit-card-emi.md lists other minimums per bank (e.g. HDFC ₹1,000), CHOSEN not to apply.
 */
function checkEmiPlan(input: PaymentCreateJson, card: CardInstrument['card']): NonNullable<Instrument['emi']> {
  const plan = card.emi === 1 && card.issuer ? EMI_PLANS[card.issuer] : undefined
  if (!plan)
    throw badRequest('EMI is not available on this card. Use an EMI-enabled credit card (in test mode, 5241 8100 0000 0000), or pay with method card.', {
      field: 'card[number]',
    })
  if (input.emi_duration === undefined) throw errors.required('emi_duration')
  const duration = String(input.emi_duration)
  const rate = /^[0-9]+$/.test(duration) ? plan.plans[String(Number(duration))] : undefined
  if (rate === undefined) {
    const offered = Object.keys(plan.plans).map(Number).sort((a, b) => a - b)
    // Description and reason: emi_plan_unavailable in RT:errors/payments/list.md.
    throw badRequest(`The EMI plan is not available. ${card.issuer} offers EMI for ${offered.join(', ')} months.`, {
      field: 'emi_duration',
      reason: 'emi_plan_unavailable',
    })
  }
  if (input.amount < plan.min_amount)
    throw badRequest(`The amount must be at least ${formatAmount(plan.min_amount, input.currency)} for EMI on ${card.issuer} cards.`, { field: 'amount' })
  return { issuer: card.issuer as string, rate: Math.round(rate * 100), duration: Number(duration) }
}

function checkInstrument(input: PaymentCreateJson, now: number): Instrument {
  const method = input.method
  if (!METHODS.has(method)) throw badRequest('Invalid payment method given', { field: 'method' })
  const base = { method, card: null, bank: null, wallet: null, vpa: null, international: false, emi: null }
  const forbid = (fields: (keyof PaymentCreateJson)[]) => {
    const sent = fields.filter((f) => input[f] !== undefined)
    if (sent.length > 0) throw errors.extraFields(sent)
  }
  if (method !== 'emi') forbid(['emi_duration'])
  switch (method) {
    case 'card': {
      forbid(['bank', 'wallet', 'vpa', 'upi'])
      return { ...base, ...checkCard(input, now) }
    }
    case 'emi': {
      forbid(['bank', 'wallet', 'vpa', 'upi'])
      const card = checkCard(input, now)
      const emi = checkEmiPlan(input, card.card)
      // The payment's `bank` is the card's issuer (RT:api/payments/fetch-payment-expanded-emi.md sample).
      return { ...base, ...card, bank: emi.issuer, emi }
    }
    case 'netbanking': {
      forbid(['card', 'wallet', 'vpa', 'upi'])
      if (!input.bank) throw errors.required('bank')
      const bank = resolveBankCode(input.bank)
      if (!bank || !isKnownBank(bank)) throw badRequest('Invalid bank code provided.', { field: 'bank' })
      return { ...base, bank, scenario: 'bank_page', authStep: 'redirect' }
    }
    case 'emandate': {
      // The customer authenticates on the bank's page, as for netbanking (also for the debit card
      // and Aadhaar auth types: the simulated bank has one page for all three).
      forbid(['card', 'wallet', 'vpa', 'upi'])
      if (!input.bank) throw errors.required('bank')
      const bank = resolveBankCode(input.bank)
      if (!bank || !isKnownBank(bank)) throw badRequest('Invalid bank code provided.', { field: 'bank' })
      return { ...base, bank, scenario: 'bank_page', authStep: 'redirect' }
    }
    case 'wallet': {
      forbid(['card', 'bank', 'vpa', 'upi'])
      if (!input.wallet) throw errors.required('wallet')
      if (!isKnownWallet(input.wallet)) throw badRequest('Invalid wallet provided.', { field: 'wallet' })
      return { ...base, wallet: input.wallet, scenario: 'bank_page', authStep: 'redirect' }
    }
    default: {
      forbid(['card', 'bank', 'wallet'])
      const flow = input.upi?.flow ?? 'collect'
      if (flow === 'intent') {
        // UPI intent and QR can only be completed in live mode (RT:payments/payments/test-upi-details.md).
        throw badRequest('UPI intent flow is not supported in test mode. Use the collect flow with a test VPA.', { field: 'upi[flow]' })
      }
      const vpa = input.upi?.vpa ?? input.vpa
      if (vpa === undefined) throw errors.required('vpa')
      if (!validateVpaFormat(vpa)) throw bankError(invalidVpaError())
      return { ...base, vpa, scenario: 'upi', authStep: null }
    }
  }
}

export async function checkOrder(tx: Db, merchant: Merchant, input: { order_id: string; amount: number; currency: string }): Promise<OrderRow> {
  const order = await getOrder(tx, merchant.id, input.order_id, 'order_id')
  if (order.status === 'paid')
    throw badRequest('Your payment has been declined as the order is already paid. Please initiate the payment with a new order.', {
      field: 'order_id',
      reason: 'order_already_paid',
    })
  if (input.currency !== order.currency) throw badRequest('Currency should be same as order currency.', { field: 'currency' })
  // Zero-amount orders are e-mandate and NACH authorisation orders: their payment is for 0.
  if (input.amount < 100 && order.amount !== 0)
    throw badRequest(`The amount must be at least ${formatAmount(100, input.currency)}`, { field: 'amount' })
  const inProgress = (await paymentStore.listByOrder(tx, merchant.id, order.id)).filter((p) => p.status === 'authorized')
  if (order.partial_payment) {
    const due = order.amount - order.amount_paid - inProgress.reduce((s, p) => s + p.amount, 0)
    if (input.amount > due) throw badRequest('The amount must not exceed the amount due on the order.', { field: 'amount' })
    if (order.amount_paid === 0 && order.first_payment_min_amount !== null && input.amount < order.first_payment_min_amount)
      throw badRequest(`The first payment on this order must be at least ${formatAmount(order.first_payment_min_amount, order.currency)}`, {
        field: 'amount',
      })
  } else {
    if (inProgress.length > 0)
      throw badRequest('A payment on this order is already authorized. Capture it or let it be refunded before paying again.', {
        field: 'order_id',
      })
    if (input.amount !== order.amount) throw badRequest('The amount must be equal to the order amount.', { field: 'amount' })
  }
  return order
}

export async function createPayment(deps: Deps, merchant: Merchant, input: PaymentCreateJson): Promise<Created> {
  const now = deps.clock.now(merchant.id)
  const instrument = checkInstrument(input, now)
  const notes = validateNotes(input.notes)
  if (input.callback_url !== undefined && !/^https?:\/\/[^\s]+$/.test(input.callback_url))
    throw badRequest('The callback url format is invalid.', { field: 'callback_url' })
  if (!isEmail(input.email.trim())) throw badRequest('The email must be a valid email address.', { field: 'email' })
  checkContact(String(input.contact))
  return deps.store.write(async (tx) => {
    // Like every other id in a request: malformed or another merchant's is refused, never stored.
    if (input.customer_id !== undefined && input.customer_id !== null) await getCustomer(tx, merchant.id, input.customer_id, 'customer_id')
    const order = await checkOrder(tx, merchant, input)
    await orderStore.recordAttempt(tx, order.id)
    let card: CardRow | null = null
    if (instrument.card) {
      card = { id: newId('card'), merchant_id: merchant.id, created_at: now, ...instrument.card }
      await paymentStore.insertCard(tx, card)
    }
    let payment: PaymentRow = {
      id: newId('payment'),
      merchant_id: merchant.id,
      order_id: order.id,
      invoice_id: null,
      amount: input.amount,
      currency: input.currency,
      status: 'created',
      method: instrument.method,
      international: instrument.international ? 1 : 0,
      amount_refunded: 0,
      refund_status: null,
      captured: 0,
      description: input.description ?? null,
      card_id: card?.id ?? null,
      bank: instrument.bank,
      wallet: instrument.wallet,
      vpa: instrument.vpa,
      email: input.email,
      contact: String(input.contact),
      customer_id: input.customer_id ?? null,
      token_id: null,
      notes: JSON.stringify(notes),
      fee: null,
      tax: null,
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: '{}',
      upi: instrument.method === 'upi' ? JSON.stringify({ payer_account_type: 'bank_account', vpa: instrument.vpa, flow: 'collect' }) : null,
      emi: instrument.emi && JSON.stringify(instrument.emi),
      scenario: instrument.scenario,
      auth_step: instrument.authStep,
      otp_attempts: 0,
      callback_url: input.callback_url ?? null,
      created_at: now,
      authorized_at: null,
      captured_at: null,
    }
    // Recurring and invoices (issue 5) may refuse the payment or complete the row.
    payment = await paymentHooks.beforeInsert(tx, { merchant, order, input, payment, card, now })
    await paymentStore.insert(tx, payment)
    if (instrument.method === 'upi' && instrument.vpa) {
      const outcome = upiOutcome(instrument.vpa)
      payment = outcome.status === 'authorized' ? await authorize(tx, payment, now) : await fail(tx, payment, outcome.error, now)
    }
    return { payment, card }
  })
}

/** /create/upi takes the VPA inside `upi{}`; it is the same operation. */
export function createUpiPayment(deps: Deps, merchant: Merchant, input: PaymentCreateUpi): Promise<Created> {
  const { upi, vpa, ...rest } = input
  return createPayment(deps, merchant, { ...rest, method: 'upi', upi: { ...upi, vpa: upi.vpa ?? vpa } })
}
