/**
 * Invoices (RT:api/payments/invoices/*.md): create (type invoice | link, draft or issued), fetch,
 * list with filters, edit (drafts only), issue, delete (drafts only), cancel (issued only),
 * notify_by/{sms|email}. An issued invoice has an order (auto-capture; partial payments when the
 * invoice allows them) that the customer pays on the hosted page (GET /i/:id).
 *
 * Amounts: each line item is unit amount × quantity with no tax (taxes are not modelled: tax_amount
 * 0, taxable = gross); the invoice's amount is their sum, or `amount` for a link without items.
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { validateNotes } from '../../http/notes.js'
import { parsePage } from '../../http/pagination.js'
import { formatAmount, isSupportedCurrency } from '../../shared/money.js'
import type { Db } from '../../store/schema.js'
import { isRIdOf, newRId } from '../customers/ids.js'
import { createOrder } from '../orders/service.js'
import { customerDetails } from './entity.js'
import { notAllowed, PAYABLE, scheduleIssued, stopJobs } from './lifecycle.js'
import { checkExpireBy, customerAddresses, flag, invoiceCustomer } from './registration.js'
import type { InvoiceCreate, InvoiceEdit, InvoiceQuery, LineItemInput } from './schema.js'
import { invoiceStore, type InvoiceFilter, type InvoiceRow } from './store.js'
import { checkTimestamp } from '../../shared/timestamps.js'
import { customerWrites } from '../customers/service.js'

export async function getInvoice(db: Db, merchantId: string, id: string): Promise<InvoiceRow> {
  if (!isRIdOf('invoice', id)) throw errors.invalidId(id)
  const i = await invoiceStore.findByMerchantIdAndId(db, merchantId, id)
  if (!i || i.status === 'deleted') throw errors.notFound()
  return i
}

export async function listInvoices(deps: Deps, merchantId: string, q: InvoiceQuery): Promise<InvoiceRow[]> {
  const page = parsePage(q)
  const f: InvoiceFilter = {}
  for (const k of ['type', 'payment_id', 'receipt', 'customer_id', 'status'] as const) if (q[k] !== undefined && q[k] !== '') f[k] = q[k]
  // Subscriptions are not built: no invoice belongs to one.
  if (q.subscription_id !== undefined && q.subscription_id !== '') return []
  return invoiceStore.list(deps.store.db, merchantId, page, f)
}

async function lineItems(tx: Db, merchantId: string, items: LineItemInput[], currency: string): Promise<{ wires: unknown[]; total: number }> {
  const wires: unknown[] = []
  let total = 0
  for (const [n, li] of items.entries()) {
    const field = (k: string) => `line_items[${n}][${k}]`
    let name = li.name ?? null
    let description = li.description ?? null
    let amount = li.amount ?? null
    let itemCurrency = li.currency ?? null
    let itemId: string | null = null
    let unit: string | null = null
    if (li.item_id !== undefined) {
      if (!isRIdOf('item', li.item_id)) throw errors.invalidId(li.item_id, field('item_id'))
      const item = await invoiceStore.findItem(tx, merchantId, li.item_id)
      if (!item) throw errors.notFound(field('item_id'))
      itemId = item.id
      name ??= item.name
      description ??= item.description
      amount ??= item.amount
      itemCurrency ??= item.currency
      unit = item.unit
    }
    if (name === null || name.trim() === '') throw errors.required(field('name'))
    if (amount === null) throw errors.required(field('amount'))
    if (amount < 0) throw badRequest(`The ${field('amount')} must be at least 0.`, { field: field('amount') })
    if ((itemCurrency ?? currency) !== currency) throw badRequest('Currency of all items should be the same as of the invoice.', { field: field('currency') })
    const quantity = li.quantity ?? 1
    if (quantity < 1) throw badRequest(`The ${field('quantity')} must be at least 1.`, { field: field('quantity') })
    const gross = amount * quantity
    total += gross
    wires.push({
      id: newRId('lineItem'),
      item_id: itemId,
      ref_id: null,
      ref_type: null,
      name,
      description,
      amount,
      unit_amount: amount,
      gross_amount: gross,
      tax_amount: 0,
      taxable_amount: gross,
      net_amount: gross,
      currency,
      type: 'invoice',
      tax_inclusive: false,
      hsn_code: null,
      sac_code: null,
      tax_rate: null,
      unit,
      quantity,
      taxes: [],
    })
  }
  return { wires, total }
}

/** The fields create and edit share, applied to a draft or new invoice. */
async function applyFields(tx: Db, merchantId: string, base: InvoiceRow, input: InvoiceEdit, now: number): Promise<InvoiceRow> {
  const i: InvoiceRow = { ...base }
  if (input.currency !== undefined) {
    if (!isSupportedCurrency(input.currency)) throw badRequest('The currency is invalid.', { field: 'currency' })
    i.currency = input.currency
  }
  const customer = await invoiceCustomer(tx, merchantId, input, now, ['name'])
  if (customer) {
    i.customer_id = customer.id
    i.customer_details = JSON.stringify(customerDetails(customer, customerAddresses(input.customer)))
  }
  if (input.line_items !== undefined) {
    // An invoice's amount is the sum of its line items; sent as well, it would be silently dropped.
    if (input.amount !== undefined && i.type !== 'link') throw errors.extraFields(['amount'])
    const { wires, total } = await lineItems(tx, merchantId, input.line_items, i.currency)
    i.line_items = JSON.stringify(wires)
    i.amount = i.gross_amount = i.taxable_amount = total
  } else if (input.amount !== undefined) {
    if (i.type !== 'link') throw errors.extraFields(['amount'])
    i.amount = i.gross_amount = input.amount
    i.taxable_amount = 0
  }
  if (input.description !== undefined) i.description = input.description
  if (input.date !== undefined) i.date = checkTimestamp(input.date, 'date')
  if (input.expire_by !== undefined) i.expire_by = checkExpireBy(input.expire_by, now)
  if (input.sms_notify !== undefined) i.sms_notify = flag(input.sms_notify, 'sms_notify', true) ? 1 : 0
  if (input.email_notify !== undefined) i.email_notify = flag(input.email_notify, 'email_notify', true) ? 1 : 0
  if (input.partial_payment !== undefined) i.partial_payment = flag(input.partial_payment, 'partial_payment', false) ? 1 : 0
  if (input.first_payment_min_amount !== undefined) {
    if (i.partial_payment !== 1) throw errors.extraFields(['first_payment_min_amount'])
    i.first_payment_min_amount = input.first_payment_min_amount
  }
  if (input.receipt !== undefined) i.receipt = input.receipt
  if (input.invoice_number !== undefined) i.invoice_number = input.invoice_number
  else if (input.receipt !== undefined && base.invoice_number === base.receipt) i.invoice_number = input.receipt
  if (input.notes !== undefined) i.notes = JSON.stringify(validateNotes(input.notes))
  if (input.terms !== undefined) i.terms = input.terms
  if (input.comment !== undefined) i.comment = input.comment
  return i
}

/** draft → issued: needs a customer (invoices) and an amount; creates the order the customer pays. */
async function issue(deps: Deps, tx: Db, i: InvoiceRow, origin: string, now: number): Promise<InvoiceRow> {
  if (i.type === 'invoice' && i.customer_id === null) throw badRequest('customer is required.', { field: 'customer' })
  if (i.type === 'invoice' && i.line_items === '[]') throw badRequest('line_items is required.', { field: 'line_items' })
  if (i.amount < 100) throw badRequest(`The amount must be at least ${formatAmount(100, i.currency)}`, { field: 'amount' })
  if (i.first_payment_min_amount !== null && i.first_payment_min_amount > i.amount)
    throw badRequest('The first payment min amount must be less than or equal to the order amount.', { field: 'first_payment_min_amount' })
  const order = await createOrder(
    deps,
    i.merchant_id,
    {
      amount: i.amount,
      currency: i.currency,
      receipt: i.receipt ?? undefined,
      payment_capture: 1,
      ...(i.partial_payment === 1 ? { partial_payment: true } : {}),
      ...(i.first_payment_min_amount !== null ? { first_payment_min_amount: i.first_payment_min_amount } : {}),
      ...(i.customer_id !== null ? { customer_id: i.customer_id } : {}),
    },
    origin,
    tx,
  )
  const sms = i.sms_notify === 1 && i.customer_id !== null
  const email = i.email_notify === 1 && i.customer_id !== null
  const issued: InvoiceRow = {
    ...i,
    status: 'issued',
    order_id: order.id,
    issued_at: now,
    date: i.date ?? now,
    short_url: `${origin}/i/${i.id}`,
    sms_status: sms ? 'pending' : null,
    email_status: email ? 'pending' : null,
  }
  if (issued.expire_by !== null && issued.expire_by < now + 15 * 60) throw badRequest('expire_by should be at least 15 minutes after current time.', { field: 'expire_by' })
  await scheduleIssued(tx, issued, now)
  return issued
}

export async function createInvoice(deps: Deps, merchant: Merchant, input: InvoiceCreate, origin: string): Promise<InvoiceRow> {
  const type = input.type ?? 'invoice'
  if (type !== 'invoice' && type !== 'link') throw badRequest('The selected type is invalid.', { field: 'type' })
  if (type === 'invoice' && input.customer === undefined && input.customer_id === undefined)
    throw badRequest('customer is required.', { field: 'customer' })
  if (type === 'invoice' && input.line_items === undefined) throw badRequest('line_items is required.', { field: 'line_items' })
  if (type === 'link' && input.line_items === undefined && input.amount === undefined) throw errors.required('amount')
  const draft = flag(input.draft, 'draft', false)
  const now = deps.clock.now(merchant.id)
  const { type: _t, draft: _d, ...fields } = input
  return deps.store.write(async (tx) => {
    const blank: InvoiceRow = {
      id: newRId('invoice'),
      merchant_id: merchant.id,
      type,
      status: 'draft',
      customer_id: null,
      customer_details: null,
      order_id: null,
      payment_id: null,
      receipt: null,
      invoice_number: null,
      description: null,
      terms: null,
      comment: null,
      notes: '{}',
      line_items: '[]',
      currency: 'INR',
      amount: 0,
      gross_amount: 0,
      tax_amount: 0,
      taxable_amount: 0,
      amount_paid: 0,
      partial_payment: 0,
      first_payment_min_amount: null,
      expire_by: null,
      date: null,
      issued_at: null,
      paid_at: null,
      cancelled_at: null,
      expired_at: null,
      sms_notify: 1,
      email_notify: 1,
      sms_status: null,
      email_status: null,
      short_url: null,
      subscription_registration: null,
      created_at: now,
    }
    let i = await applyFields(tx, merchant.id, blank, fields, now)
    if (!draft) i = await issue(deps, tx, i, origin, now)
    await invoiceStore.insert(tx, i)
    return i
  }, customerWrites(merchant.id))
}

export async function editInvoice(deps: Deps, merchantId: string, id: string, input: InvoiceEdit): Promise<InvoiceRow> {
  const now = deps.clock.now(merchantId)
  return deps.store.write(async (tx) => {
    const i = await getInvoice(tx, merchantId, id)
    if (i.status !== 'draft') throw notAllowed(i.status)
    const next = await applyFields(tx, merchantId, i, input, now)
    const { id: _id, ...changes } = next
    await invoiceStore.update(tx, i.id, changes)
    return next
  }, customerWrites(merchantId))
}

export async function issueInvoice(deps: Deps, merchantId: string, id: string, origin: string): Promise<InvoiceRow> {
  const now = deps.clock.now(merchantId)
  return deps.store.write(async (tx) => {
    const i = await getInvoice(tx, merchantId, id)
    if (i.status !== 'draft') throw notAllowed(i.status)
    const issued = await issue(deps, tx, i, origin, now)
    const { id: _id, ...changes } = issued
    await invoiceStore.update(tx, i.id, changes)
    return issued
  })
}

export async function deleteInvoice(deps: Deps, merchantId: string, id: string): Promise<never[]> {
  await deps.store.write(async (tx) => {
    const i = await getInvoice(tx, merchantId, id)
    if (i.status !== 'draft') throw notAllowed(i.status)
    await invoiceStore.update(tx, i.id, { status: 'deleted' })
  })
  return []
}

export async function cancelInvoice(deps: Deps, merchantId: string, id: string): Promise<InvoiceRow> {
  const now = deps.clock.now(merchantId)
  return deps.store.write(async (tx) => {
    const i = await getInvoice(tx, merchantId, id)
    if (i.status !== 'issued') throw notAllowed(i.status)
    const changes = { status: 'cancelled', cancelled_at: now }
    await invoiceStore.update(tx, i.id, changes)
    await stopJobs(tx, i.id, now)
    return { ...i, ...changes }
  })
}

/** POST /v1/invoices/:id/notify_by/:medium → {"success": true}; the notification counts as sent. */
export async function notifyInvoice(deps: Deps, merchantId: string, id: string, medium: string): Promise<{ success: true }> {
  if (medium !== 'sms' && medium !== 'email') throw badRequest('The medium must be sms or email.', { field: 'medium' })
  await deps.store.write(async (tx) => {
    const i = await getInvoice(tx, merchantId, id)
    if (!PAYABLE.has(i.status)) throw notAllowed(i.status)
    await invoiceStore.update(tx, i.id, medium === 'sms' ? { sms_status: 'sent' } : { email_status: 'sent' })
  })
  return { success: true }
}
