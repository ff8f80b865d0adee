/**
 * Invoice states (RT:api/payments/invoices/entity.md; behaviors.md §9): draft → issued → paid |
 * partially_paid → paid; issued → cancelled | expired; partially_paid → expired; draft → deleted.
 * Only drafts are edited, issued or deleted; only issued invoices are cancelled; anything else is
 * "Operation not allowed for Invoice in <status> status." (documented text).
 *
 * Paying: the invoice's order is paid through the payments service; when a payment on that order
 * is captured the invoice follows (invoice.paid or invoice.partially_paid, with the payment and the
 * order). Expiry and notification delivery are jobs on the merchant's clock.
 */
import { badRequest, type ApiError } from '../../http/errors.js'
import type { JobRegistry } from '../../jobs/registry.js'
import { cancelJobs, scheduleJob } from '../../jobs/schedule.js'
import type { CardRow, Db, OrderRow, PaymentRow } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { orderToWire } from '../orders/entity.js'
import type { PaymentHooks } from '../payments/hooks.js'
import { paymentToWire } from '../payments/entity.js'
import { paymentStore } from '../payments/store.js'
import { invoiceToWire } from './entity.js'
import { invoiceStore, type InvoiceRow } from './store.js'


export const EXPIRY_JOB = 'invoice.expiry'
export const NOTIFY_JOB = 'invoice.notification'
/** Notifications go out a minute after the invoice is issued (CHOSEN; the samples show `pending`, then `sent`). */
export const NOTIFY_AFTER_S = 60

export const PAYABLE = new Set(['issued', 'partially_paid'])

export const notAllowed = (status: string): ApiError => badRequest(`Operation not allowed for Invoice in ${status} status.`)

/** After an invoice is issued: its expiry and its notifications. */
export async function scheduleIssued(tx: Db, i: InvoiceRow, now: number): Promise<void> {
  if (i.expire_by !== null) await scheduleJob(tx, { merchantId: i.merchant_id, kind: EXPIRY_JOB, subjectId: i.id, runAt: i.expire_by, now })
  if (i.sms_status === 'pending' || i.email_status === 'pending')
    await scheduleJob(tx, { merchantId: i.merchant_id, kind: NOTIFY_JOB, subjectId: i.id, runAt: now + NOTIFY_AFTER_S, now })
}

export async function stopJobs(tx: Db, invoiceId: string, now: number): Promise<void> {
  await cancelJobs(tx, EXPIRY_JOB, invoiceId, now)
  await cancelJobs(tx, NOTIFY_JOB, invoiceId, now)
}

/** Payment hook: a payment on an invoice's order belongs to the invoice, which must be payable. */
export async function invoiceBeforeInsert(tx: Db, c: Parameters<PaymentHooks['beforeInsert']>[1]): Promise<PaymentRow> {
  const i = await invoiceStore.findByOrder(tx, c.order.merchant_id, c.order.id)
  if (!i) return c.payment
  if (!PAYABLE.has(i.status)) throw notAllowed(i.status)
  return { ...c.payment, invoice_id: i.id, description: c.payment.description ?? `Invoice #${i.id}` }
}

/** Payment hook: a captured payment on an invoice's order pays the invoice (in part or in full). */
export async function invoiceOnCaptured(tx: Db, p: PaymentRow, order: OrderRow | null, now: number): Promise<void> {
  if (!order) return
  const i = await invoiceStore.findByOrder(tx, p.merchant_id, order.id)
  if (!i || !PAYABLE.has(i.status)) return
  const paid = order.amount_paid >= i.amount
  const changes: Partial<InvoiceRow> = { amount_paid: order.amount_paid, payment_id: p.id, status: paid ? 'paid' : 'partially_paid' }
  if (paid) changes.paid_at = now
  await invoiceStore.update(tx, i.id, changes)
  const after = { ...i, ...changes }
  if (paid) await stopJobs(tx, i.id, now)
  const card: CardRow | null = p.card_id ? ((await paymentStore.findCard(tx, p.merchant_id, p.card_id)) ?? null) : null
  await recordEvent(
    tx,
    p.merchant_id,
    paid ? 'invoice.paid' : 'invoice.partially_paid',
    {
      payment: { entity: paymentToWire(p, card, ['card']) },
      order: { entity: orderToWire(order) },
      invoice: { entity: invoiceToWire(after) },
    },
    now,
  )
}

export function registerInvoiceJobs(jobs: JobRegistry): void {
  jobs.register(EXPIRY_JOB, async (tx, job, { now }) => {
    const i = job.subject_id ? await invoiceStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id) : undefined
    if (!i || !PAYABLE.has(i.status)) return
    const changes = { status: 'expired', expired_at: now }
    await invoiceStore.update(tx, i.id, changes)
    await cancelJobs(tx, NOTIFY_JOB, i.id, now)
    await recordEvent(tx, i.merchant_id, 'invoice.expired', { invoice: { entity: invoiceToWire({ ...i, ...changes }) } }, now)
  })
  jobs.register(NOTIFY_JOB, async (tx, job) => {
    const i = job.subject_id ? await invoiceStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id) : undefined
    if (!i) return
    const changes: Partial<InvoiceRow> = {}
    if (i.sms_status === 'pending') changes.sms_status = 'sent'
    if (i.email_status === 'pending') changes.email_status = 'sent'
    if (Object.keys(changes).length > 0) await invoiceStore.update(tx, i.id, changes)
  })
}
