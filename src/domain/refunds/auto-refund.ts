/**
 * Auto-refund of payments authorized but never captured (behaviors.md §2, RT:payments/payments/
 * capture-settings/api.md; SEED-003: "Any authorization not followed by a capture within 5 days is
 * automatically deemed void and a refund is initiated").
 *
 *  - On authorization a job is scheduled at authorized_at + the expiry: the order's
 *    payment.capture_options.manual_expiry_period (minutes) when set, else 5 days (7200 minutes, the
 *    documented default and maximum). Capture cancels the job.
 *  - A late authorization that its order can no longer take (the order is already paid, or the
 *    payment no longer fits a partial-payment order's amount due) can never be captured, so it is
 *    refunded at once, in the authorizing transaction (RT:payments/payments/late-authorisation/
 *    handle.md: "refunded immediately").
 *  - The refund is a full, processed refund at the order's capture_options.refund_speed (default
 *    normal); the payment becomes `refunded` (captured stays false); refund.created and
 *    refund.processed are announced. No ledger entries: the money was only held at the customer's
 *    bank, never part of the merchant's balance (settlements/hooks.ts).
 */
import type { JobRegistry } from '../../jobs/registry.js'
import { scheduleJob } from '../../jobs/schedule.js'
import type { Db, OrderRow, PaymentRow } from '../../store/schema.js'
import { orderStore } from '../orders/store.js'
import { paymentStore } from '../payments/store.js'
import { recordRefund } from './service.js'

export const AUTO_REFUND_JOB = 'payment.auto_refund'
/** The default and longest capture window: 5 days. */
export const DEFAULT_EXPIRY_MINUTES = 7200

interface CaptureOptions {
  manual_expiry_period?: number
  refund_speed?: string
}

function captureOptions(order: OrderRow | null): CaptureOptions {
  return order?.capture_options ? (JSON.parse(order.capture_options) as CaptureOptions) : {}
}

/** When an authorized payment on `order` is refunded if still not captured. */
export function autoRefundAt(authorizedAt: number, order: OrderRow | null): number {
  const minutes = captureOptions(order).manual_expiry_period ?? DEFAULT_EXPIRY_MINUTES
  return authorizedAt + minutes * 60
}

export async function scheduleAutoRefund(tx: Db, p: PaymentRow, order: OrderRow | null, now: number): Promise<void> {
  await scheduleJob(tx, { merchantId: p.merchant_id, kind: AUTO_REFUND_JOB, subjectId: p.id, runAt: autoRefundAt(p.authorized_at ?? now, order), now })
}

/** authorized → refunded in full. Returns the payment as it is afterwards. */
export async function refundUncaptured(tx: Db, p: PaymentRow, order: OrderRow | null, now: number): Promise<PaymentRow> {
  const speed = captureOptions(order).refund_speed === 'optimum' ? 'optimum' : 'normal'
  await recordRefund(tx, p, { amount: p.amount - p.amount_refunded, speedRequested: speed, receipt: null, notes: {} }, now)
  return { ...p, status: 'refunded', amount_refunded: p.amount, refund_status: 'full' }
}

export function registerAutoRefundJobs(jobs: JobRegistry): void {
  jobs.register(AUTO_REFUND_JOB, async (tx, job, { now }) => {
    if (!job.subject_id) return
    const p = await paymentStore.findByMerchantIdAndId(tx, job.merchant_id, job.subject_id)
    // Captured (the job should have been cancelled), failed or already refunded: nothing to do.
    if (!p || p.status !== 'authorized') return
    const order = p.order_id ? ((await orderStore.findByMerchantIdAndId(tx, p.merchant_id, p.order_id)) ?? null) : null
    await refundUncaptured(tx, p, order, now)
  })
}
