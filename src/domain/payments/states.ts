/**
 * Payment status: created → authorized → captured → refunded, or created → failed
 * (RT:api/payments/entity.md). `refunded` only once the full amount is refunded; a partially
 * refunded payment stays `captured` with refund_status `partial`.
 */
export type PaymentStatus = 'created' | 'authorized' | 'captured' | 'refunded' | 'failed'

const NEXT: Record<PaymentStatus, PaymentStatus[]> = {
  created: ['authorized', 'failed'],
  authorized: ['captured'],
  captured: ['refunded'],
  refunded: [],
  failed: [],
}

export function canMove(from: string, to: PaymentStatus): boolean {
  return (NEXT[from as PaymentStatus] ?? []).includes(to)
}
