/** Request shapes for payments. Unknown top-level fields are refused. */
import { Type, type Static } from 'typebox'
import { MandateBankAccount } from '../tokens/schema.js'

const Str = Type.String()
const IntOrDigits = Type.Union([Type.Integer(), Type.String()])

export const CardInput = Type.Object(
  {
    number: IntOrDigits,
    name: Type.Optional(Str),
    expiry_month: IntOrDigits,
    expiry_year: IntOrDigits,
    cvv: Type.Optional(IntOrDigits),
  },
  { additionalProperties: false },
)

const UpiInput = Type.Object(
  {
    flow: Type.Optional(Type.Union([Type.Literal('collect'), Type.Literal('intent')])),
    vpa: Type.Optional(Str),
    expiry_time: Type.Optional(Type.Integer()),
    type: Type.Optional(Str),
  },
  { additionalProperties: false },
)

const common = {
  amount: Type.Integer(),
  currency: Type.String(),
  order_id: Type.String(),
  email: Type.String({ maxLength: 255 }),
  contact: Type.Union([Type.String(), Type.Integer()]),
  customer_id: Type.Optional(Str),
  notes: Type.Optional(Type.Unknown()),
  description: Type.Optional(Type.String({ maxLength: 255 })),
  callback_url: Type.Optional(Str),
  ip: Type.Optional(Str),
  referer: Type.Optional(Str),
  user_agent: Type.Optional(Str),
  save: Type.Optional(Type.Union([Type.Boolean(), Type.Integer()])),
  // Recurring (issue 5): 1/true/"1" makes this the authorisation payment of an authorisation
  // order; "preferred" allows a one-time payment too (tokens/authorisation.ts).
  recurring: Type.Optional(Type.Union([Type.Boolean(), Type.Integer(), Type.String()])),
}

export const PaymentCreateJson = Type.Object(
  {
    ...common,
    method: Type.String(),
    card: Type.Optional(CardInput),
    // method emi: the plan's duration in months (a string in the docs' parameter list, 9 in their sample).
    emi_duration: Type.Optional(IntOrDigits),
    bank: Type.Optional(Str),
    wallet: Type.Optional(Str),
    vpa: Type.Optional(Str),
    upi: Type.Optional(UpiInput),
    token: Type.Optional(Str),
    browser: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    authentication: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    // Native OTP sends auth_type=otp (default 3ds) on create/json
    // (RT:payments/payment-gateway/s2s-integration/payment-methods/cards/authentication-type/native-otp.md).
    // The simulated bank offers OTP and the bank page either way, so it only has to be accepted.
    auth_type: Type.Optional(Str),
    // E-mandate authorisation: the account the mandate is on (else the order's token.bank_account).
    bank_account: Type.Optional(MandateBankAccount),
  },
  { additionalProperties: false },
)
export type PaymentCreateJson = Static<typeof PaymentCreateJson>

export const PaymentCreateUpi = Type.Object(
  {
    ...common,
    method: Type.Optional(Type.Literal('upi')),
    vpa: Type.Optional(Str),
    upi: UpiInput,
  },
  { additionalProperties: false },
)
export type PaymentCreateUpi = Static<typeof PaymentCreateUpi>

export const OtpSubmit = Type.Object({ otp: Type.Union([Type.String(), Type.Integer()]) }, { additionalProperties: false })

export const Capture = Type.Object(
  // Both mandatory (RT:api/payments/capture.md; the SDK's capture(id, amount, currency) sends both).
  { amount: Type.Integer(), currency: Type.String() },
  { additionalProperties: false },
)

export const PaymentEdit = Type.Object({ notes: Type.Unknown() }, { additionalProperties: false })

export const ValidateVpa = Type.Object({ vpa: Type.String() }, { additionalProperties: false })

export const PaymentQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  expand: Type.Optional(Type.Array(Type.String())),
})
export type PaymentQuery = Static<typeof PaymentQuery>

export const BankPageAction = Type.Object(
  { action: Type.Union([Type.Literal('success'), Type.Literal('failure')]) },
  { additionalProperties: false },
)
