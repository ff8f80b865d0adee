/** Order status: created → attempted (first payment attempt) → paid (captured in full). `paid` is terminal. */
export type OrderStatus = 'created' | 'attempted' | 'paid'

const NEXT: Record<OrderStatus, OrderStatus[]> = {
  created: ['attempted'],
  attempted: ['attempted', 'paid'],
  paid: [],
}

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to)
}
