/** Refund status: pending → processed (final) | failed (RT:api/refunds/entity.md). */
export type RefundStatus = 'pending' | 'processed' | 'failed'
/** Payment refund_status: null → partial → full; `full` blocks further refunds. */
export type RefundProgress = null | 'partial' | 'full'
