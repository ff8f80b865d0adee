/**
 * Settlements as Razorpay shows them: the settlement (RT:api/settlements/entity.md), the on-demand
 * settlement and its payouts (RT:api/settlements/instant/entity.md), and a recon item
 * (RT:api/settlements/fetch-recon.md).
 */
import { notesToWire, type Notes } from '../../http/notes.js'
import { collection } from '../../http/pagination.js'
import type { CardRow, OrderRow, PaymentRow, RefundRow } from '../../store/schema.js'
import type { OndemandPayoutRow, OndemandSettlementRow, SettlementItemRow, SettlementRow } from './store.js'

export interface SettlementWire {
  id: string
  entity: 'settlement'
  amount: number
  status: string
  fees: number
  tax: number
  utr: string | null
  created_at: number
}

export function settlementToWire(s: SettlementRow): SettlementWire {
  return { id: s.id, entity: 'settlement', amount: s.amount, status: s.status, fees: s.fees, tax: s.tax, utr: s.utr, created_at: s.created_at }
}

export interface OndemandPayoutWire {
  id: string
  entity: 'settlement.ondemand_payout'
  initiated_at: number | null
  processed_at: number | null
  reversed_at: number | null
  amount: number
  amount_settled: number | null
  fees: number
  tax: number
  utr: string | null
  status: string
  created_at: number
}

export function ondemandPayoutToWire(p: OndemandPayoutRow): OndemandPayoutWire {
  return {
    id: p.id,
    entity: 'settlement.ondemand_payout',
    initiated_at: p.initiated_at,
    processed_at: p.processed_at,
    reversed_at: p.reversed_at,
    amount: p.amount,
    amount_settled: p.amount_settled,
    fees: p.fees,
    tax: p.tax,
    utr: p.utr,
    status: p.status,
    created_at: p.created_at,
  }
}

export interface OndemandWire {
  id: string
  entity: 'settlement.ondemand'
  amount_requested: number
  amount_settled: number
  amount_pending: number
  amount_reversed: number
  fees: number
  tax: number
  currency: string
  settle_full_balance: boolean
  status: string
  description: string | null
  notes: Notes | never[]
  created_at: number
  ondemand_payouts?: { entity: 'collection'; count: number; items: OndemandPayoutWire[] }
}

/** With `payouts` the entity carries its ondemand_payouts collection (create, and expand[]=ondemand_payouts). */
export function ondemandToWire(s: OndemandSettlementRow, payouts?: OndemandPayoutRow[]): OndemandWire {
  const wire: OndemandWire = {
    id: s.id,
    entity: 'settlement.ondemand',
    amount_requested: s.amount_requested,
    amount_settled: s.amount_settled,
    amount_pending: s.amount_pending,
    amount_reversed: s.amount_reversed,
    fees: s.fees,
    tax: s.tax,
    currency: s.currency,
    settle_full_balance: s.settle_full_balance === 1,
    status: s.status,
    description: s.description,
    notes: notesToWire(s.notes),
    created_at: s.created_at,
  }
  if (payouts) wire.ondemand_payouts = collection(payouts.map(ondemandPayoutToWire))
  return wire
}

export interface ReconItemWire {
  entity_id: string
  type: 'payment' | 'refund' | 'transfer' | 'reversal' | 'adjustment'
  debit: number
  credit: number
  amount: number
  currency: string
  fee: number
  tax: number
  on_hold: boolean
  settled: boolean
  created_at: number
  settled_at: number | null
  settlement_id: string | null
  posted_at: number | null
  credit_type: string
  description: string | null
  notes: Notes | never[] | null
  payment_id: string | null
  settlement_utr: string | null
  order_id: string | null
  order_receipt: string | null
  method: string | null
  card_network: string | null
  card_issuer: string | null
  card_type: string | null
  dispute_id: string | null
}

export interface ReconContext {
  payment: PaymentRow | undefined
  refund: RefundRow | undefined
  order: OrderRow | undefined
  card: CardRow | undefined
  settlement: SettlementRow | undefined
}

export function reconItemToWire(i: SettlementItemRow, c: ReconContext): ReconItemWire {
  const isPayment = i.type === 'payment'
  const source = isPayment ? c.payment : c.refund
  return {
    entity_id: i.entity_id,
    type: i.type,
    debit: i.debit,
    credit: i.credit,
    amount: i.amount,
    currency: i.currency,
    fee: i.fee,
    tax: i.tax,
    on_hold: false,
    settled: i.settlement_id !== null,
    created_at: source?.created_at ?? i.balance_at,
    settled_at: i.settled_at,
    settlement_id: i.settlement_id,
    posted_at: null,
    credit_type: 'default',
    description: isPayment ? (c.payment?.description ?? null) : null,
    notes: source ? notesToWire(source.notes) : null,
    // "null for payments": the payment a refund or transfer belongs to.
    payment_id: isPayment ? null : i.payment_id,
    settlement_utr: c.settlement?.utr ?? null,
    order_id: c.payment?.order_id ?? null,
    order_receipt: c.order?.receipt ?? null,
    method: c.payment?.method ?? null,
    card_network: c.card?.network ?? null,
    // Not set for international cards (cards issued by foreign banks).
    card_issuer: c.card && c.card.international !== 1 ? c.card.issuer : null,
    card_type: c.card?.type ?? null,
    dispute_id: null,
  }
}
