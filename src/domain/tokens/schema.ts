/** Request shapes of the recurring slice: the order's `token` block, recurring charges, TokenHQ. */
import { Type, type Static } from 'typebox'

const Str = Type.String()
const Opt = Type.Optional
const OptText = Opt(Type.Union([Type.String(), Type.Number(), Type.Null()]))

/** A mandate's bank account. The docs use beneficiary_name/ifsc_code; S2S create/json uses name/ifsc. */
export const MandateBankAccount = Type.Object(
  {
    beneficiary_name: OptText,
    name: OptText,
    account_number: OptText,
    account_type: OptText,
    ifsc_code: OptText,
    ifsc: OptText,
  },
  { additionalProperties: false },
)
export type MandateBankAccount = Static<typeof MandateBankAccount>

export const NachInput = Type.Object(
  { form_reference1: OptText, form_reference2: OptText, description: OptText },
  { additionalProperties: false },
)

/** The `token` block of an authorisation order (and `subscription_registration` of a registration link). */
export const TokenInput = Type.Object(
  {
    max_amount: Opt(Type.Integer()),
    expire_at: Opt(Type.Integer()),
    frequency: Opt(Str),
    auth_type: Opt(Str),
    notes: Opt(Type.Unknown()),
    bank_account: Opt(MandateBankAccount),
    nach: Opt(NachInput),
    first_payment_amount: Opt(Type.Integer()),
    recurring_type: Opt(Str),
    recurring_value: Opt(Type.Integer()),
    currency: Opt(Str),
  },
  { additionalProperties: false },
)
export type TokenInput = Static<typeof TokenInput>

const Flag = Type.Union([Type.Boolean(), Type.Integer(), Type.String()])

export const RecurringPaymentCreate = Type.Object(
  {
    email: Type.String({ maxLength: 255 }),
    contact: Type.Union([Type.String(), Type.Number()]),
    amount: Type.Integer(),
    currency: Str,
    order_id: Str,
    customer_id: Str,
    token: Str,
    recurring: Flag,
    description: Opt(Type.String({ maxLength: 255 })),
    notes: Opt(Type.Unknown()),
    ip: Opt(Str),
    referer: Opt(Str),
    user_agent: Opt(Str),
  },
  { additionalProperties: false },
)
export type RecurringPaymentCreate = Static<typeof RecurringPaymentCreate>

// Not payments' CardInput: payments/schema.ts imports this module (no import cycle).
const IntOrDigits = Type.Union([Type.Integer(), Type.String()])
const CardInput = Type.Object(
  { number: IntOrDigits, name: Opt(Str), expiry_month: IntOrDigits, expiry_year: IntOrDigits, cvv: Opt(Type.Union([IntOrDigits, Type.Null()])) },
  { additionalProperties: false },
)

export const TokenCreate = Type.Object(
  {
    customer_id: Opt(Str),
    method: Str,
    card: Opt(CardInput),
    authentication: Opt(
      Type.Object(
        { provider: Opt(Str), provider_reference_id: Opt(Str), authentication_reference_number: Opt(Str) },
        { additionalProperties: false },
      ),
    ),
    notes: Opt(Type.Unknown()),
  },
  { additionalProperties: false },
)
export type TokenCreate = Static<typeof TokenCreate>

/** POST /v1/tokens/fetch, /delete and the transactional-data endpoint name the token in the body. */
export const TokenRef = Type.Object({ id: Opt(Str), token_id: Opt(Str) }, { additionalProperties: false })
export type TokenRef = Static<typeof TokenRef>

export const FingerprintRequest = Type.Object(
  { number: Opt(Type.Union([Type.String(), Type.Integer()])), tokenised: Opt(Flag), token: Opt(Str) },
  { additionalProperties: false },
)
export type FingerprintRequest = Static<typeof FingerprintRequest>
