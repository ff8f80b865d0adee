/**
 * The event names a webhook may subscribe to: Razorpay's documented list (RT:webhooks/all.md,
 * shared/spec/behaviors.md §4) plus the names that appear only in its payload samples (tokens,
 * accounts). A webhook naming anything else is refused with Razorpay's "Invalid event name/names".
 * Tijori emits only some of them today; subscribing to the others is allowed, as on Razorpay.
 */

/** Subscribes to every event (a Tijori extension, used by `tijori listen`). */
export const ALL_EVENTS = '*'

const DOCUMENTED = [
  'order.paid',
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.downtime.started',
  'payment.downtime.updated',
  'payment.downtime.resolved',
  'refund.created',
  'refund.processed',
  'refund.failed',
  'refund.speed_changed',
  'payment.dispute.created',
  'payment.dispute.won',
  'payment.dispute.lost',
  'payment.dispute.closed',
  'payment.dispute.under_review',
  'payment.dispute.action_required',
  'invoice.partially_paid',
  'invoice.paid',
  'invoice.expired',
  'subscription.authenticated',
  'subscription.activated',
  'subscription.charged',
  'subscription.completed',
  'subscription.updated',
  'subscription.pending',
  'subscription.halted',
  'subscription.cancelled',
  'subscription.paused',
  'subscription.resumed',
  'transfer.processed',
  'transfer.failed',
  'settlement.processed',
  'product.route.under_review',
  'product.route.needs_clarification',
  'product.route.activated',
  'qr_code.created',
  'qr_code.credited',
  'qr_code.closed',
  'virtual_account.created',
  'virtual_account.credited',
  'virtual_account.closed',
  'payment_link.paid',
  'payment_link.partially_paid',
  'payment_link.cancelled',
  'payment_link.expired',
  'account.app.authorization_revoked',
  'payout.pending',
  'payout.rejected',
  'payout.queued',
  'payout.initiated',
  'payout.processed',
  'payout.updated',
  'payout.reversed',
  'payout.failed',
  'payout.downtime.started',
  'payout.downtime.resolved',
  'fund_account.validation.completed',
  'fund_account.validation.failed',
  'payout_link.pending',
  'payout_link.issued',
  'payout_link.processing',
  'payout_link.processed',
  'payout_link.attempted',
  'payout_link.cancelled',
  'payout_link.rejected',
  'payout_link.expired',
  'transaction.created',
]

/** Names found only in the docs' payload samples (recurring tokens, partner accounts, notifications). */
const FROM_SAMPLES = [
  'token.confirmed',
  'token.rejected',
  'token.cancelled',
  'token.paused',
  'token.initiated',
  'token.activated',
  'token.deactivated',
  'token.expiry_updated',
  'token.suspended',
  'token.resumed',
  'token.cancellation_initiated',
  'token.service_provider.activated',
  'token.service_provider.cancelled',
  'token.service_provider.deactivated',
  'token.service_provider.failed',
  'token.service_provider_token.activated',
  'account.activated',
  'account.activated_kyc_pending',
  'account.funds_hold',
  'account.funds_unhold',
  'account.instantly_activated',
  'account.needs_clarification',
  'account.payments_enabled',
  'account.rejected',
  'account.suspended',
  'account.under_review',
  'account.updated',
  'order.notification.delivered',
  'order.notification.failed',
]

export const EVENT_NAMES: ReadonlySet<string> = new Set([...DOCUMENTED, ...FROM_SAMPLES])

export function isKnownEvent(name: string): boolean {
  return name === ALL_EVENTS || EVENT_NAMES.has(name)
}

/** Whether a webhook subscribed to `events` receives `event`. */
export function subscribes(events: readonly string[], event: string): boolean {
  return events.includes(event) || events.includes(ALL_EVENTS)
}
