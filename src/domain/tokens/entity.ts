/**
 * The token entity as Razorpay shows it: the recurring token of a customer (SEED-002 card token,
 * SEED-004 e-mandate token, RT:api/payments/recurring-payments/webhooks.md UPI and NACH samples),
 * and the TokenHQ card token (RT:payments/payment-methods/cards/token-hq/*\/apis.md).
 */
import { notesToWire } from '../../http/notes.js'
import type { CardRow } from '../../store/schema.js'
import { cardToWire, type CardWire } from '../payments/entity.js'
import type { TokenRow } from './store.js'

/** A payment's card block (payments/entity.ts) without its id, with the token's IIN, expiry and flows. */
export interface TokenCardWire extends Omit<CardWire, 'id'> {
  expiry_month: number | null
  expiry_year: number | null
  flows: { otp: boolean; recurring: boolean }
}

function cardBlock(c: CardRow, t: TokenRow): TokenCardWire {
  const { id: _id, ...card } = cardToWire(c)
  return {
    ...card,
    token_iin: t.token_iin,
    expiry_month: c.expiry_month,
    expiry_year: c.expiry_year,
    flows: { otp: true, recurring: t.recurring === 1 },
  }
}

/** "gaurav.kumar@upi" → {username: "gaurav.kumar", handle: "upi", name: null} (UPI token samples). */
function vpaBlock(vpa: string | null): { username: string; handle: string; name: null } | null {
  if (vpa === null) return null
  const at = vpa.lastIndexOf('@')
  return { username: vpa.slice(0, at), handle: vpa.slice(at + 1), name: null }
}

export interface TokenWire {
  id: string
  entity: 'token'
  token: string
  bank: string | null
  wallet: null
  method: string
  card?: TokenCardWire
  vpa?: { username: string; handle: string; name: null } | null
  recurring: boolean
  recurring_details: { status: string | null; failure_reason: string | null }
  auth_type: string | null
  mrn: null
  used_at: number | null
  created_at: number
  bank_details?: unknown
  start_time?: number | null
  max_amount: number | null
  expired_at: number | null
  dcc_enabled: false
  billing_address?: null
}

/** A customer's token (GET /v1/customers/:id/tokens, token.* events). */
export function tokenToWire(t: TokenRow, card: CardRow | null): TokenWire {
  const w: TokenWire = {
    id: t.id,
    entity: 'token',
    token: t.token,
    bank: t.bank,
    wallet: null,
    method: t.method,
    recurring: t.recurring === 1,
    recurring_details: { status: t.recurring_status, failure_reason: t.failure_reason },
    auth_type: t.auth_type,
    mrn: null,
    used_at: t.used_at,
    created_at: t.created_at,
    max_amount: t.max_amount,
    expired_at: t.expired_at,
    dcc_enabled: false,
  }
  if (t.method === 'card' && card) {
    w.card = cardBlock(card, t)
    w.billing_address = null
  } else {
    w.vpa = vpaBlock(t.vpa)
  }
  if (t.bank_details !== null) w.bank_details = JSON.parse(t.bank_details) as unknown
  if (t.method === 'upi') w.start_time = t.start_time
  return w
}

/** A TokenHQ token (POST /v1/tokens, /v1/tokens/fetch). */
export function tokenHqToWire(t: TokenRow, card: CardRow | null) {
  return {
    id: t.id,
    entity: 'token' as const,
    customer_id: t.customer_id,
    method: t.method,
    card: card && {
      last4: card.last4,
      network: card.network,
      type: card.type,
      issuer: card.issuer,
      international: card.international === 1,
      emi: card.emi === 1,
      sub_type: card.sub_type,
      token_iin: t.token_iin,
    },
    compliant_with_tokenisation_guidelines: true,
    expired_at: t.expired_at,
    status: t.status === 'deleted' ? 'deleted' : 'active',
    status_reason: null,
    notes: notesToWire(t.notes),
  }
}
