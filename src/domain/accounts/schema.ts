/**
 * Request shapes of /v2/accounts (Route linked accounts, RT:api/payments/route/create-linked-account.md).
 * Unknown fields are refused; the field rules themselves (required fields, lengths, allowed values)
 * are checked in service.ts so that their messages are Razorpay's.
 */
import { Type, type Static } from 'typebox'

const Text = Type.Optional(Type.Union([Type.String(), Type.Null()]))
const Digits = Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Null()]))

const Address = Type.Object(
  { street1: Text, street2: Text, city: Text, state: Text, postal_code: Digits, country: Text },
  { additionalProperties: false },
)

const Profile = Type.Object(
  {
    category: Text,
    subcategory: Text,
    business_model: Text,
    /** Deprecated in favour of business_model, still accepted. */
    description: Text,
    addresses: Type.Optional(Type.Object({ registered: Type.Optional(Address), operation: Type.Optional(Address) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
)

const LegalInfo = Type.Object({ pan: Text, gst: Text, cin: Text }, { additionalProperties: false })

const Contact = Type.Object({ email: Text, phone: Digits, policy_url: Text }, { additionalProperties: false })
const ContactInfo = Type.Object(
  { chargeback: Type.Optional(Contact), refund: Type.Optional(Contact), support: Type.Optional(Contact) },
  { additionalProperties: false },
)
const App = Type.Object({ url: Text, name: Text }, { additionalProperties: false })
const Apps = Type.Object(
  { websites: Type.Optional(Type.Array(Type.String())), android: Type.Optional(Type.Array(App)), ios: Type.Optional(Type.Array(App)) },
  { additionalProperties: false },
)
const Brand = Type.Object({ color: Text }, { additionalProperties: false })

const fields = {
  email: Text,
  phone: Digits,
  type: Text,
  reference_id: Text,
  legal_business_name: Text,
  customer_facing_business_name: Text,
  business_type: Text,
  contact_name: Text,
  profile: Type.Optional(Profile),
  legal_info: Type.Optional(LegalInfo),
  contact_info: Type.Optional(ContactInfo),
  apps: Type.Optional(Apps),
  brand: Type.Optional(Brand),
  notes: Type.Optional(Type.Unknown()),
}

export const AccountCreate = Type.Object(fields, { additionalProperties: false })
export type AccountCreate = Static<typeof AccountCreate>

/** PATCH takes the same fields; email, business_type and type cannot change (service.ts says so). */
export const AccountEdit = AccountCreate
export type AccountEdit = AccountCreate

export type AddressInput = Static<typeof Address>
export type ProfileInput = Static<typeof Profile>
