/**
 * The linked account as Razorpay shows it (RT:api/payments/route/linked-account-entity.md,
 * fetch-with-id.md): optional blocks the merchant did not send are shown with null members, as the
 * fetch sample does; `suspended_at` appears once the account is deleted (suspended).
 */
import { notesToWire, type Notes } from '../../http/notes.js'
import type { LinkedAccountRow } from './store.js'

type Obj = Record<string, unknown>

export interface LinkedAccountWire {
  id: string
  type: string
  reference_id: string | null
  status: string
  email: string
  profile: Obj
  notes: Notes | never[]
  created_at: number
  suspended_at?: number
  phone: string
  business_type: string
  legal_business_name: string
  customer_facing_business_name: string
  legal_info: Obj
  apps: Obj
  brand: Obj
  contact_name: string
  contact_info: Obj
}

const parse = (s: string | null): Obj | null => (s === null ? null : (JSON.parse(s) as Obj))

function contact(c: unknown): Obj {
  const v = (c ?? {}) as Obj
  return { email: v.email ?? null, phone: v.phone ?? null, policy_url: v.policy_url ?? null }
}

export function linkedAccountToWire(a: LinkedAccountRow): LinkedAccountWire {
  const profile = parse(a.profile) ?? {}
  const legal = parse(a.legal_info) ?? {}
  const apps = parse(a.apps) ?? {}
  const brand = parse(a.brand) ?? {}
  const info = parse(a.contact_info) ?? {}
  const head = {
    id: a.id,
    type: a.type,
    reference_id: a.reference_id,
    status: a.status,
    email: a.email,
    profile: {
      category: profile.category ?? null,
      subcategory: profile.subcategory ?? null,
      addresses: profile.addresses ?? {},
      business_model: profile.business_model ?? null,
    },
    notes: notesToWire(a.notes),
    created_at: a.created_at,
  }
  const tail = {
    phone: a.phone,
    business_type: a.business_type,
    legal_business_name: a.legal_business_name,
    customer_facing_business_name: a.customer_facing_business_name,
    legal_info: { pan: legal.pan ?? null, gst: legal.gst ?? null, ...(legal.cin !== undefined ? { cin: legal.cin } : {}) },
    apps: {
      websites: apps.websites ?? [],
      android: apps.android ?? [{ url: null, name: null }],
      ios: apps.ios ?? [{ url: null, name: null }],
    },
    brand: { color: brand.color ?? null },
    contact_name: a.contact_name,
    contact_info: { chargeback: contact(info.chargeback), refund: contact(info.refund), support: contact(info.support) },
  }
  // As in the delete sample, suspended_at follows created_at once the account is suspended.
  return a.suspended_at === null ? { ...head, ...tail } : { ...head, suspended_at: a.suspended_at, ...tail }
}
