/**
 * recurring_details.status (RT:api/payments/recurring-payments/*\/tokens.md): initiated → confirmed
 * | rejected when the bank answers the registration; confirmed → paused (UPI, by the customer) →
 * confirmed again; confirmed or paused → cancelled (deleted by the merchant, or revoked by the
 * customer). rejected and cancelled are final.
 */
export type TokenStatus = 'initiated' | 'confirmed' | 'rejected' | 'cancelled' | 'paused'

const NEXT: Record<TokenStatus, TokenStatus[]> = {
  initiated: ['confirmed', 'rejected', 'cancelled'],
  confirmed: ['paused', 'cancelled'],
  paused: ['confirmed', 'cancelled'],
  rejected: [],
  cancelled: [],
}

export function canMove(from: string | null, to: TokenStatus): boolean {
  return from !== null && (NEXT[from as TokenStatus] ?? []).includes(to)
}
