/** Request shapes for customers. Unknown fields are refused (additionalProperties: false). */
import { Type, type Static } from 'typebox'

const OptText = Type.Optional(Type.Union([Type.String(), Type.Null()]))
/** The SDK's own samples send contact as a number (9123456780). */
const OptPhone = Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()]))
const Flag = Type.Union([Type.Boolean(), Type.Integer(), Type.String()])

export const CustomerCreate = Type.Object(
  {
    name: OptText,
    email: OptText,
    contact: OptPhone,
    gstin: OptText,
    fail_existing: Type.Optional(Flag),
    notes: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
)
export type CustomerCreate = Static<typeof CustomerCreate>

export const CustomerEdit = Type.Object(
  { name: OptText, email: OptText, contact: OptPhone, gstin: OptText, notes: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
)
export type CustomerEdit = Static<typeof CustomerEdit>

export const CustomerQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
})

const OptAny = Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()]))

export const BankAccountCreate = Type.Object(
  {
    ifsc_code: OptAny,
    account_number: OptAny,
    beneficiary_name: OptAny,
    beneficiary_address1: OptAny,
    beneficiary_address2: OptAny,
    beneficiary_address3: OptAny,
    beneficiary_address4: OptAny,
    beneficiary_email: OptAny,
    beneficiary_mobile: OptAny,
    beneficiary_city: OptAny,
    beneficiary_state: OptAny,
    beneficiary_country: OptAny,
    beneficiary_pin: OptAny,
  },
  { additionalProperties: false },
)
export type BankAccountCreate = Static<typeof BankAccountCreate>

export const EligibilityCheck = Type.Object(
  {
    inquiry: Type.Optional(Type.String()),
    amount: Type.Integer(),
    currency: Type.String(),
    customer: Type.Optional(
      Type.Object(
        {
          id: Type.Optional(Type.String()),
          contact: Type.Optional(Type.Union([Type.String(), Type.Number()])),
          ip: Type.Optional(Type.String()),
          referrer: Type.Optional(Type.String()),
          user_agent: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    instruments: Type.Optional(
      Type.Array(
        Type.Object(
          {
            method: Type.String(),
            issuer: Type.Optional(Type.String()),
            type: Type.Optional(Type.String()),
            provider: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
)
export type EligibilityCheck = Static<typeof EligibilityCheck>
