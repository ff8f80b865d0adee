/**
 * The checkout's operations. The browser holds only the merchant's public key id, as with Razorpay's
 * checkout: the merchant is looked up by that key, and every payment then goes through the same
 * services as the API (createOrder, createPayment, submitOtp; the bank page's actOnBankPage; the
 * order's capture rules). Nothing here writes to the store directly.
 *
 * Card numbers and CVVs pass through to createPayment, which keeps only last4/network/type/issuer;
 * nothing in this module logs a request body.
 */
import { paymentMethods } from '../bank/index.js'
import type { Deps, Merchant } from '../http/context.js'
import { ApiError, badRequest, errors } from '../http/errors.js'
import { createOrder, getOrder } from '../domain/orders/service.js'
import { merchantStore } from '../domain/merchants/store.js'
import { createPayment } from '../domain/payments/create.js'
import { otpResend, submitOtp } from '../domain/payments/authenticate.js'
import { getPayment } from '../domain/payments/queries.js'
import { CURRENCY_EXPONENT } from '../shared/money.js'
import { checkoutInvoice, checkoutMandate, type CheckoutInvoice, type CheckoutMandate } from '../domain/tokens/checkout.js'
import { outcomeOf, paymentError, type CheckoutOutcome } from './outcome.js'
import type { CheckoutPayment, PreferencesQuery } from './schema.js'

/** Where the simulated bank page sends the customer back to (see routes.ts, bank-return). */
export const BANK_RETURN_PATH = '/checkout/bank-return'

/** The merchant of an active public key id, with the secret that signs its payments. */
export async function merchantForKey(deps: Deps, keyId: string | undefined): Promise<Merchant> {
  if (!keyId) throw errors.authMissing()
  const row = await merchantStore.findKey(deps.store.db, keyId)
  if (!row || row.revoked_at !== null) throw errors.authKeyInvalid()
  await deps.clock.sync(row.merchant_id)
  return { id: row.merchant_id, keyId, keySecret: row.secret }
}

export interface Preferences {
  key_id: string
  mode: 'test'
  merchant: { name: string }
  methods: ReturnType<typeof paymentMethods>
  order: {
    id: string
    amount: number
    amount_paid: number
    amount_due: number
    currency: string
    status: string
    partial_payment: boolean
    first_payment_min_amount: number | null
  } | null
  /** Currency → number of decimals, to show amounts in major units. */
  currency_exponents: Record<string, number>
  /** Issue 5: the invoice being paid (short URLs), and the mandate a recurring checkout authorises. */
  invoice: CheckoutInvoice | null
  recurring: CheckoutMandate | null
}

/**
 * What the checkout needs before showing anything: the merchant, its methods (`once('ready')`
 * hands these to the page) and the order it will pay. Razorpay answers a key/order mismatch with
 * "The id provided does not exist" (RT: standard integration, 1.2.4 Errors); so does this.
 */
export async function preferences(deps: Deps, q: PreferencesQuery): Promise<Preferences> {
  const merchant = await merchantForKey(deps, q.key_id)
  // Issue 5: an invoice (its order is the one to pay) and recurring (the order's mandate).
  const invoice = q.invoice_id ? await checkoutInvoice(deps.store.db, merchant.id, q.invoice_id) : null
  const orderId = q.order_id || invoice?.order_id || undefined
  const recurring = q.recurring === 'true' || q.recurring === '1' || q.recurring === 'preferred'
  if (recurring && !orderId)
    throw badRequest('Recurring checkout needs the authorisation order: pass its order_id and customer_id.', { field: 'recurring' })
  const row = await merchantStore.findById(deps.store.db, merchant.id)
  const order = orderId ? await getOrder(deps.store.db, merchant.id, orderId, 'order_id') : null
  return {
    key_id: merchant.keyId,
    mode: 'test',
    merchant: { name: row?.name ?? '' },
    methods: paymentMethods(),
    order: order && {
      id: order.id,
      amount: order.amount,
      amount_paid: order.amount_paid,
      amount_due: order.amount - order.amount_paid,
      currency: order.currency,
      status: order.status,
      partial_payment: order.partial_payment === 1,
      first_payment_min_amount: order.first_payment_min_amount,
    },
    currency_exponents: { ...CURRENCY_EXPONENT },
    invoice,
    recurring: recurring && order ? await checkoutMandate(deps.store.db, merchant.id, order) : null,
  }
}

/**
 * Starts a payment from the checkout. Without an order_id (a page written for the older,
 * order-less checkout) an order for the amount is created first through the orders service, so
 * the payment follows the same order → payment → capture rules; it captures manually, as an
 * order-less payment does on Razorpay.
 */
export async function startPayment(deps: Deps, input: CheckoutPayment, origin: string): Promise<CheckoutOutcome> {
  const { key_id, order_id, ...rest } = input
  const merchant = await merchantForKey(deps, key_id)
  const orderId = order_id ?? (await createOrder(deps, merchant.id, { amount: input.amount, currency: input.currency })).id
  const { payment, card } = await createPayment(deps, merchant, {
    ...rest,
    order_id: orderId,
    callback_url: origin + BANK_RETURN_PATH,
  })
  return outcomeOf(payment, merchant, origin, card)
}

/**
 * The OTP step of a card payment (submitOtp). A wrong OTP or an error card fails the payment:
 * that comes back as a `failed` outcome with the customer-facing error, so the page can offer a
 * retry. Input the bank refuses (not digits, too long) is an error and the payment keeps waiting.
 */
export async function submitCheckoutOtp(deps: Deps, keyId: string, paymentId: string, otp: string | number, origin: string): Promise<CheckoutOutcome> {
  const merchant = await merchantForKey(deps, keyId)
  try {
    await submitOtp(deps, merchant, paymentId, otp)
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    const p = await getPayment(deps.store.db, merchant.id, paymentId, 'payment_id').catch(() => null)
    if (p?.status === 'failed') return { status: 'failed', payment_id: p.id, order_id: p.order_id, error: paymentError(p) }
    throw e
  }
  return outcomeOf(await getPayment(deps.store.db, merchant.id, paymentId), merchant, origin)
}

export async function resendCheckoutOtp(deps: Deps, keyId: string | undefined, paymentId: string, origin: string): Promise<{ payment_id: string }> {
  const merchant = await merchantForKey(deps, keyId)
  await otpResend(deps, merchant, paymentId, origin)
  return { payment_id: paymentId }
}

/** Where a payment stands; the page asks after the customer returns from the bank page. */
export async function checkoutPaymentStatus(deps: Deps, keyId: string | undefined, paymentId: string, origin: string): Promise<CheckoutOutcome> {
  const merchant = await merchantForKey(deps, keyId)
  return outcomeOf(await getPayment(deps.store.db, merchant.id, paymentId), merchant, origin)
}
