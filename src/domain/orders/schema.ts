/** Request shapes for orders. Unknown fields are refused (additionalProperties: false). */
import { Type, type Static } from 'typebox'
import { TokenInput } from '../tokens/schema.js'

const NotesSchema = Type.Unknown()

export const OrderCreate = Type.Object(
  {
    amount: Type.Integer(),
    currency: Type.String(),
    receipt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    notes: Type.Optional(NotesSchema),
    // Booleans arrive as true/false (JSON), "true"/"false" or "1"/"0" (form bodies).
    partial_payment: Type.Optional(Type.Union([Type.Boolean(), Type.Integer({ minimum: 0, maximum: 1 })])),
    first_payment_min_amount: Type.Optional(Type.Integer()),
    payment_capture: Type.Optional(Type.Union([Type.Boolean(), Type.Integer({ minimum: 0, maximum: 1 })])),
    // A retried create with the same receipt answers the first order (service.ts).
    unique_receipt: Type.Optional(Type.Union([Type.Boolean(), Type.Integer({ minimum: 0, maximum: 1 })])),
    // Authorisation orders for recurring payments (issue 5; validated in tokens/mandate.ts).
    method: Type.Optional(Type.String()),
    customer_id: Type.Optional(Type.String()),
    token: Type.Optional(TokenInput),
    payment: Type.Optional(
      Type.Object(
        {
          capture: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
          capture_options: Type.Optional(
            Type.Object(
              {
                automatic_expiry_period: Type.Optional(Type.Integer()),
                manual_expiry_period: Type.Optional(Type.Integer()),
                refund_speed: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('optimum')])),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    // Route (issue 4): checked by domain/transfers/orders.ts, which words the errors as Razorpay does.
    transfers: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
)
export type OrderCreate = Static<typeof OrderCreate>

export const OrderEdit = Type.Object({ notes: NotesSchema }, { additionalProperties: false })
export type OrderEdit = Static<typeof OrderEdit>

export const OrderListQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  receipt: Type.Optional(Type.String()),
  authorized: Type.Optional(Type.String()),
  expand: Type.Optional(Type.Array(Type.String())),
})
export type OrderListQuery = Static<typeof OrderListQuery>
