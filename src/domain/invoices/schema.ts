/** Request shapes for registration links, invoices and items. Unknown fields are refused. */
import { Type, type Static } from 'typebox'
import { TokenInput } from '../tokens/schema.js'

const Str = Type.String()
const Opt = Type.Optional
const OptText = Opt(Type.Union([Type.String(), Type.Null()]))
const OptPhone = Opt(Type.Union([Type.String(), Type.Number(), Type.Null()]))
const Flag = Type.Union([Type.Boolean(), Type.Integer(), Type.String()])

const CustomerInput = Type.Object(
  {
    name: OptText,
    email: OptText,
    contact: OptPhone,
    gstin: OptText,
    billing_address: Opt(Type.Unknown()),
    shipping_address: Opt(Type.Unknown()),
  },
  { additionalProperties: false },
)

export const RegistrationLinkCreate = Type.Object(
  {
    customer: Opt(CustomerInput),
    customer_id: Opt(Str),
    type: Str,
    amount: Type.Integer(),
    currency: Str,
    description: Str,
    subscription_registration: Type.Object({ ...TokenInput.properties, method: Str }, { additionalProperties: false }),
    receipt: Opt(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    sms_notify: Opt(Flag),
    email_notify: Opt(Flag),
    expire_by: Opt(Type.Integer()),
    notes: Opt(Type.Unknown()),
  },
  { additionalProperties: false },
)
export type RegistrationLinkCreate = Static<typeof RegistrationLinkCreate>

export const LineItemInput = Type.Object(
  {
    item_id: Opt(Str),
    name: Opt(Str),
    description: OptText,
    amount: Opt(Type.Integer()),
    currency: Opt(Str),
    quantity: Opt(Type.Integer()),
  },
  { additionalProperties: false },
)
export type LineItemInput = Static<typeof LineItemInput>

const invoiceFields = {
  description: OptText,
  date: Opt(Type.Integer()),
  customer_id: Opt(Str),
  customer: Opt(CustomerInput),
  line_items: Opt(Type.Array(LineItemInput, { maxItems: 50 })),
  amount: Opt(Type.Integer()),
  expire_by: Opt(Type.Union([Type.Integer(), Type.Null()])),
  sms_notify: Opt(Flag),
  email_notify: Opt(Flag),
  partial_payment: Opt(Flag),
  first_payment_min_amount: Opt(Type.Integer()),
  currency: Opt(Str),
  receipt: Opt(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  invoice_number: Opt(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  notes: Opt(Type.Unknown()),
  terms: Opt(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  comment: Opt(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
}

export const InvoiceCreate = Type.Object({ ...invoiceFields, type: Opt(Str), draft: Opt(Flag) }, { additionalProperties: false })
export type InvoiceCreate = Static<typeof InvoiceCreate>

export const InvoiceEdit = Type.Object(invoiceFields, { additionalProperties: false })
export type InvoiceEdit = Static<typeof InvoiceEdit>

export const InvoiceQuery = Type.Object({
  count: Opt(Str),
  skip: Opt(Str),
  from: Opt(Str),
  to: Opt(Str),
  type: Opt(Str),
  payment_id: Opt(Str),
  receipt: Opt(Str),
  customer_id: Opt(Str),
  subscription_id: Opt(Str),
  status: Opt(Str),
})
export type InvoiceQuery = Static<typeof InvoiceQuery>

export const ItemCreate = Type.Object(
  {
    name: Str,
    description: OptText,
    amount: Type.Integer(),
    currency: Opt(Str),
    unit: OptText,
    tax_inclusive: Opt(Flag),
    hsn_code: OptText,
    sac_code: OptText,
    tax_rate: Opt(Type.Union([Type.Integer(), Type.Null()])),
  },
  { additionalProperties: false },
)
export type ItemCreate = Static<typeof ItemCreate>

export const ItemEdit = Type.Object(
  {
    name: Opt(Str),
    description: OptText,
    amount: Opt(Type.Integer()),
    currency: Opt(Str),
    active: Opt(Flag),
    unit: OptText,
    tax_inclusive: Opt(Flag),
    hsn_code: OptText,
    sac_code: OptText,
    tax_rate: Opt(Type.Union([Type.Integer(), Type.Null()])),
  },
  { additionalProperties: false },
)
export type ItemEdit = Static<typeof ItemEdit>

export const ItemQuery = Type.Object({
  count: Opt(Str),
  skip: Opt(Str),
  from: Opt(Str),
  to: Opt(Str),
  active: Opt(Str),
  authorized: Opt(Str),
  receipt: Opt(Str),
})
