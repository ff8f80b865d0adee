/** Reading payments: fetch (merchant-scoped, id-checked), list, and the card of a payment. */
import { badRequest, errors } from '../../http/errors.js'
import { isIdOf } from '../../shared/ids.js'
import type { Db, PaymentRow } from '../../store/schema.js'
import { paymentStore } from './store.js'

export async function getPayment(db: Db, merchantId: string, id: string, field = 'id'): Promise<PaymentRow> {
  if (!isIdOf('payment', id)) throw errors.invalidId(id, field)
  const row = await paymentStore.findByMerchantIdAndId(db, merchantId, id)
  if (!row) throw errors.notFound(field)
  return row
}

export async function getPaymentCard(db: Db, merchantId: string, id: string) {
  const p = await getPayment(db, merchantId, id)
  const card = p.card_id ? await paymentStore.findCard(db, merchantId, p.card_id) : undefined
  // Verbatim from the failure sample of RT:api/payments/fetch-card-details-payment.md (NA, no field).
  if (!card) throw badRequest('Payment was not done using card', { source: 'NA', step: 'NA', reason: 'NA' })
  return card
}

const PAYMENT_EXPANDS = new Set(['card', 'emi', 'upi', 'offers'])

export function parsePaymentExpand(expand: string[] | undefined): string[] {
  const list = expand ?? []
  for (const e of list) if (!PAYMENT_EXPANDS.has(e)) throw badRequest(`${e} is not a valid expand value`, { field: 'expand' })
  return list
}
