/** Renders payment rows with the cards they reference (for expand[]=card and order expansions). */
import type { Db, PaymentRow } from '../../store/schema.js'
import { paymentToWire, type PaymentWire } from './entity.js'
import { paymentStore } from './store.js'

export async function renderPayments(db: Db, merchantId: string, rows: PaymentRow[], expand: string[]): Promise<PaymentWire[]> {
  const wantCard = expand.includes('card')
  const cards = wantCard
    ? await paymentStore.cardsByIds(db, merchantId, rows.map((r) => r.card_id).filter((x): x is string => x !== null))
    : new Map()
  return rows.map((r) => paymentToWire(r, r.card_id ? cards.get(r.card_id) : null, expand))
}
