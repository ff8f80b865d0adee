/**
 * Request shapes of the transfer routes. Unknown fields are refused here; the field rules (with
 * Razorpay's texts, and form bodies' strings) are checked in validate.ts and the services.
 */
import { Type, type Static } from 'typebox'

const Any = Type.Optional(Type.Unknown())

export const DirectTransferCreate = Type.Object(
  { account: Any, amount: Any, currency: Any, notes: Any, linked_account_notes: Any, on_hold: Any, on_hold_until: Any },
  { additionalProperties: false },
)

export const PaymentTransfersCreate = Type.Object({ transfers: Any }, { additionalProperties: false })

export const TransferEdit = Type.Object({ on_hold: Any, on_hold_until: Any }, { additionalProperties: false })

export const ReversalCreate = Type.Object({ amount: Any, notes: Any }, { additionalProperties: false })

export const TransferQuery = Type.Object({
  count: Type.Optional(Type.String()),
  skip: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  recipient_settlement_id: Type.Optional(Type.String()),
  expand: Type.Optional(Type.Array(Type.String())),
})
export type TransferQuery = Static<typeof TransferQuery>

/** The order-create field (orders/schema.ts): checked by parseOrderTransfers. */
export const OrderTransfers = Type.Unknown()
