/**
 * Payment status: created → authorized → captured → refunded, or created → failed, or
 * authorized → refunded when an uncaptured payment is refunded automatically
 * (RT:api/payments/entity.md). `refunded` only once the full amount is refunded; a partially
 * refunded payment stays `captured` with refund_status `partial`.
 */
export type PaymentStatus = 'created' | 'authorized' | 'captured' | 'refunded' | 'failed'

const NEXT: Record<PaymentStatus, PaymentStatus[]> = {
  created: ['authorized', 'failed'],
  authorized: ['captured', 'refunded'], // refunded: auto-refund of an uncaptured payment
  captured: ['refunded'],
  refunded: [],
  failed: [],
}

export function canMove(from: string, to: PaymentStatus): boolean {
  return (NEXT[from as PaymentStatus] ?? []).includes(to)
}
