/**
 * Request shapes of the checkout-facing endpoints (/v1/checkout/…). The browser authenticates with
 * the public key id only, as Razorpay's checkout does, so `key_id` travels in every request.
 * Unknown fields are refused, as on the API.
 */
import { Type, type Static } from 'typebox'
import { CardInput } from '../domain/payments/schema.js'

const Str = Type.String()

export const KeyQuery = Type.Object({ key_id: Type.Optional(Str) })
export type KeyQuery = Static<typeof KeyQuery>

export const PreferencesQuery = Type.Object({
  key_id: Type.Optional(Str),
  order_id: Type.Optional(Str),
  invoice_id: Type.Optional(Str),
  customer_id: Type.Optional(Str),
  recurring: Type.Optional(Str),
})
export type PreferencesQuery = Static<typeof PreferencesQuery>

export const CheckoutPayment = Type.Object(
  {
    key_id: Str,
    /** Absent when the merchant page passed no order_id: the checkout then creates one (see service.ts). */
    order_id: Type.Optional(Str),
    amount: Type.Integer(),
    currency: Str,
    email: Type.String({ maxLength: 255 }),
    contact: Str,
    method: Str,
    card: Type.Optional(CardInput),
    emi_duration: Type.Optional(Type.Integer()),
    bank: Type.Optional(Str),
    wallet: Type.Optional(Str),
    vpa: Type.Optional(Str),
    notes: Type.Optional(Type.Unknown()),
    description: Type.Optional(Type.String({ maxLength: 255 })),
    customer_id: Type.Optional(Str),
    // Issue 5: the authorisation payment of a recurring checkout (e-mandate: bank + auth_type).
    recurring: Type.Optional(Type.Union([Type.Boolean(), Type.Integer(), Type.String()])),
    auth_type: Type.Optional(Str),
  },
  { additionalProperties: false },
)
export type CheckoutPayment = Static<typeof CheckoutPayment>

export const CheckoutOtp = Type.Object(
  { key_id: Str, otp: Type.Union([Type.String(), Type.Integer()]) },
  { additionalProperties: false },
)
export type CheckoutOtp = Static<typeof CheckoutOtp>

export const UpiQrQuery = Type.Object({
  key_id: Type.Optional(Str),
  amount: Type.Optional(Str),
  currency: Type.Optional(Str),
  order_id: Type.Optional(Str),
  name: Type.Optional(Str),
})
export type UpiQrQuery = Static<typeof UpiQrQuery>
