/**
 * Orders: create, fetch, list, edit notes. Payment-side bookkeeping (attempts, amount_paid, paid)
 * is done by the payments service inside its own transactions through orderStore.
 */
import type { Deps } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import type { Page } from '../../http/pagination.js'
import { newId, isIdOf } from '../../shared/ids.js'
import { formatAmount, isSupportedCurrency } from '../../shared/money.js'
import type { Db, OrderRow } from '../../store/schema.js'
import { finishOrderToken, recurringOrderFields } from '../tokens/mandate.js'
import type { OrderCreate } from './schema.js'
import { orderStore, type OrderFilter } from './store.js'
import { createOrderTransfers, parseOrderTransfers } from '../transfers/orders.js'

const amountError = (description: string) =>
  badRequest(description, { field: 'amount', step: 'payment_initiation', reason: 'input_validation_failed' })

/**
 * `origin` (scheme://host of the request) is where links the order hands out point (NACH forms).
 * `inTx`: write inside the caller's transaction (registration links create their order with the invoice).
 */
export async function createOrder(deps: Deps, merchantId: string, input: OrderCreate, origin?: string, inTx?: Db): Promise<OrderRow> {
  const currency = input.currency
  if (!isSupportedCurrency(currency)) throw badRequest('The currency is invalid.', { field: 'currency' })
  // Authorisation orders (method + customer_id + token) have their own amount rules: e-mandate and
  // NACH authorise for 0 (tokens/mandate.ts).
  const now = deps.clock.now(merchantId)
  const mandate = recurringOrderFields(input, now)
  if (input.amount < 100 && !(mandate?.zeroAmount && input.amount === 0))
    throw amountError(`The amount must be at least ${formatAmount(100, currency)}`)
  if (input.amount > 50_000_000_00) throw amountError(`The amount may not be greater than ${formatAmount(50_000_000_00, currency)}`)
  const notes = validateNotes(input.notes)
  const partial = input.partial_payment === true || input.partial_payment === 1
  let firstMin: number | null = null
  if (input.first_payment_min_amount !== undefined) {
    if (!partial)
      throw badRequest('first_payment_min_amount is/are not required and should not be sent', {
        field: 'first_payment_min_amount',
        reason: 'extra_field_sent',
      })
    firstMin = input.first_payment_min_amount
    if (firstMin < 100) throw badRequest(`The first payment min amount must be at least ${formatAmount(100, currency)}`, { field: 'first_payment_min_amount' })
    if (firstMin > input.amount)
      throw badRequest('The first payment min amount must be less than or equal to the order amount.', { field: 'first_payment_min_amount' })
  }
  let paymentCapture: number | null = null
  if (input.payment_capture !== undefined) paymentCapture = input.payment_capture === true || input.payment_capture === 1 ? 1 : 0
  let captureOptions: string | null = null
  if (input.payment) {
    const o = input.payment.capture_options ?? {}
    if (input.payment.capture === 'automatic' && o.automatic_expiry_period === undefined)
      throw errors.required('payment[capture_options][automatic_expiry_period]')
    if (o.automatic_expiry_period !== undefined && o.automatic_expiry_period < 12)
      throw badRequest('The automatic expiry period must be at least 12 minutes.', { field: 'payment[capture_options][automatic_expiry_period]' })
    const manual = o.manual_expiry_period
    if (manual !== undefined && (manual > 7200 || (o.automatic_expiry_period !== undefined && manual < o.automatic_expiry_period)))
      throw badRequest('The manual expiry period must be between the automatic expiry period and 7200 minutes.', {
        field: 'payment[capture_options][manual_expiry_period]',
      })
    captureOptions = JSON.stringify({ capture: input.payment.capture, ...o })
    paymentCapture = input.payment.capture === 'automatic' ? 1 : 0
  }
  // Route (issue 4): transfers[] are checked here and created, `created`, with the order.
  const transfers =
    input.transfers === undefined ? null : parseOrderTransfers(input.transfers, { amount: input.amount, currency, partialPayment: partial })
  const id = newId('order')
  const row: OrderRow = {
    id,
    merchant_id: merchantId,
    amount: input.amount,
    amount_paid: 0,
    currency,
    receipt: input.receipt ?? null,
    offer_id: null,
    status: 'created',
    attempts: 0,
    partial_payment: partial ? 1 : 0,
    first_payment_min_amount: firstMin,
    payment_capture: paymentCapture,
    capture_options: captureOptions,
    method: mandate?.method ?? null,
    notes: JSON.stringify(notes),
    created_at: now,
  }
  if (mandate) {
    row.customer_id = mandate.customerId
    row.token = null
  }
  // unique_receipt: a retried create (same receipt) answers the order the first one made instead of
  // a second order (RT:api/orders/create.md; spec/behaviors.md §1c). Creates of one merchant with
  // it run one at a time, so two concurrent retries cannot both miss the first.
  const uniqueReceipt = (input.unique_receipt === true || input.unique_receipt === 1) && row.receipt !== null ? row.receipt : null
  // A plain order is one INSERT: PostgreSQL commits it without an explicit transaction (WriteOptions.single).
  const single = !mandate && !transfers && uniqueReceipt === null
  const options = uniqueReceipt === null ? { single } : { serializeOn: `receipt:${merchantId}` }
  const write = <T>(fn: (tx: Db) => Promise<T>): Promise<T> => (inTx ? fn(inTx) : deps.store.write(fn, options))
  return write(async (tx) => {
    if (uniqueReceipt !== null) {
      const first = await orderStore.firstByReceipt(tx, merchantId, uniqueReceipt)
      if (first) return first
    }
    if (mandate) row.token = await finishOrderToken(tx, merchantId, mandate, id, origin, input.token?.nach)
    await orderStore.insert(tx, row)
    if (transfers) await createOrderTransfers(tx, row, transfers, row.created_at)
    return row
  })
}

/** Loads a merchant's order or answers Razorpay's "does not exist" (also for other merchants' ids). */
export async function getOrder(db: Db, merchantId: string, id: string, field = 'id'): Promise<OrderRow> {
  if (!isIdOf('order', id)) throw errors.invalidId(id, field)
  const row = await orderStore.findByMerchantIdAndId(db, merchantId, id)
  if (!row) throw errors.notFound(field)
  return row
}

export function listOrders(deps: Deps, merchantId: string, page: Page, filter: OrderFilter): Promise<OrderRow[]> {
  return orderStore.list(deps.store.db, merchantId, page, filter)
}

export async function editOrderNotes(deps: Deps, merchantId: string, id: string, notesInput: unknown): Promise<OrderRow> {
  const notes = validateNotes(notesInput)
  return deps.store.write(async (tx) => {
    const order = await getOrder(tx, merchantId, id)
    // PATCH replaces the notes object, as Razorpay's update-order does.
    const stored = JSON.stringify(notes)
    await orderStore.updateNotes(tx, id, stored)
    return { ...order, notes: stored }
  })
}
