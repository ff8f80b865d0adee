/** The payment and card entities as Razorpay shows them (RT:api/payments/entity.md). */
import type { CardRow, PaymentRow } from '../../store/schema.js'
import { notesToWire, type Notes } from '../../http/notes.js'

export interface CardWire {
  id: string
  entity: 'card'
  name: string
  last4: string
  network: string
  type: string
  issuer: string | null
  international: boolean
  emi: boolean
  sub_type: string
  token_iin: string | null
}

export function cardToWire(c: CardRow): CardWire {
  return {
    id: c.id,
    entity: 'card',
    name: c.name,
    last4: c.last4,
    network: c.network,
    type: c.type,
    issuer: c.issuer,
    international: c.international === 1,
    emi: c.emi === 1,
    sub_type: c.sub_type,
    token_iin: null,
  }
}

/** expand[]=emi of an EMI payment (RT:api/payments/fetch-payment-expanded-emi.md): rate 1300 = 13% a year. */
export interface EmiWire {
  issuer: string
  rate: number
  duration: number
}

export interface PaymentWire {
  id: string
  entity: 'payment'
  amount: number
  currency: string
  status: string
  order_id: string | null
  invoice_id: string | null
  international: boolean
  method: string
  amount_refunded: number
  refund_status: string | null
  captured: boolean
  description: string | null
  card_id: string | null
  card?: CardWire
  bank: string | null
  wallet: string | null
  vpa: string | null
  email: string | null
  contact: string | null
  customer_id?: string | null
  token_id?: string | null
  notes: Notes | never[]
  fee: number | null
  tax: number | null
  error_code: string | null
  error_description: string | null
  error_source: string | null
  error_step: string | null
  error_reason: string | null
  acquirer_data: Record<string, unknown>
  upi?: Record<string, unknown>
  emi?: EmiWire | null
  created_at: number
}

export function paymentToWire(p: PaymentRow, card?: CardRow | null, expand: string[] = []): PaymentWire {
  const wire: PaymentWire = {
    id: p.id,
    entity: 'payment',
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    order_id: p.order_id,
    invoice_id: p.invoice_id,
    international: p.international === 1,
    method: p.method,
    amount_refunded: p.amount_refunded,
    refund_status: p.refund_status,
    captured: p.captured === 1,
    description: p.description,
    card_id: p.card_id,
    bank: p.bank,
    wallet: p.wallet,
    vpa: p.vpa,
    email: p.email,
    contact: p.contact,
    notes: notesToWire(p.notes),
    fee: p.fee,
    tax: p.tax,
    error_code: p.error_code,
    error_description: p.error_description,
    error_source: p.error_source,
    error_step: p.error_step,
    error_reason: p.error_reason,
    acquirer_data: JSON.parse(p.acquirer_data) as Record<string, unknown>,
    created_at: p.created_at,
  }
  if (p.customer_id !== null) wire.customer_id = p.customer_id
  if (p.token_id !== null) wire.token_id = p.token_id
  if (expand.includes('card') && card) wire.card = cardToWire(card)
  if (expand.includes('upi') && p.upi !== null) wire.upi = JSON.parse(p.upi) as Record<string, unknown>
  if (expand.includes('emi')) wire.emi = p.emi ? (JSON.parse(p.emi) as EmiWire) : null
  return wire
}
