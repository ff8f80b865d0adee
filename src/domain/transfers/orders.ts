/**
 * Transfers set up on order create (`transfers[]`; RT:api/payments/route/create-transfers-orders.md,
 * fetch-transfer-order.md).
 *
 *  - Not on partial-payment orders, and only on INR orders; each transfer follows the usual field
 *    rules, and together they never exceed the order amount.
 *  - They are created with the order, `created` (fees 0, tax null), and stay so until the order is
 *    paid; then they become `pending` against the paying payment and are processed like transfers
 *    from payments (processing.ts). A failed one is retried on the next days, at most 3 times.
 *  - `GET /v1/orders/:id/?expand[]=transfers&status` (the SDK's fetchTransferOrder) shows them as a
 *    collection; a non-empty `status` keeps only transfers in that status.
 */
import { badRequest } from '../../http/errors.js'
import { collection } from '../../http/pagination.js'
import type { Db, OrderRow, PaymentRow } from '../../store/schema.js'
import { requireTransferable } from '../accounts/service.js'
import { transferToWire, type TransferWire } from './entity.js'
import { transferFees } from './fees.js'
import { ROUTE_CURRENCY } from './money.js'
import { queueProcessing } from './processing.js'
import { newTransferRow } from './service.js'
import { transferStore, type TransferRow } from './store.js'
import { parseTransferList, type TransferSpec } from './validate.js'

/** Field rules of `transfers[]` against the order being created (no database reads). */
export function parseOrderTransfers(raw: unknown, order: { amount: number; currency: string; partialPayment: boolean }): TransferSpec[] {
  const specs = parseTransferList(raw)
  // CHOSEN texts: the docs state both rules without giving the error.
  if (order.partialPayment) throw badRequest('Transfers cannot be created on orders with partial_payment enabled.', { field: 'transfers' })
  if (order.currency !== ROUTE_CURRENCY) throw badRequest('The currency should be INR for transfers', { field: 'currency' })
  if (specs.reduce((s, t) => s + t.amount, 0) > order.amount)
    throw badRequest('The sum of amount requested for transfer is greater than the order amount', { field: 'transfers' })
  return specs
}

/** Inserts the order's transfers, `created`, in the order's transaction. */
export async function createOrderTransfers(tx: Db, order: OrderRow, specs: TransferSpec[], now: number): Promise<TransferRow[]> {
  const rows: TransferRow[] = []
  for (const [i, spec] of specs.entries()) {
    const account = await requireTransferable(tx, order.merchant_id, spec.account, now, `transfers.${i}.account`)
    rows.push(newTransferRow(order.merchant_id, spec, account.id, { source: order.id, type: 'order', paymentId: null, status: 'created' }, now))
  }
  for (const t of rows) await transferStore.insert(tx, t)
  return rows
}

/** Called when a capture makes `order` paid: its transfers move to `pending` on payment `p` and are queued. */
export async function orderPaid(tx: Db, order: OrderRow, p: PaymentRow, now: number): Promise<void> {
  const transfers = (await transferStore.listByOrders(tx, order.merchant_id, [order.id])).filter((t) => t.status === 'created')
  for (const t of transfers) {
    const { fees, tax } = transferFees(t.amount)
    await transferStore.update(tx, t.id, { kind: 'pending', paymentId: p.id, fees, tax }, now)
    await queueProcessing(tx, { ...t, status: 'pending', payment_id: p.id, fees, tax }, now)
  }
}

/** The transfers of each order, as the order create response shows them (a plain array). */
export async function orderTransfersWire(db: Db, merchantId: string, orderId: string): Promise<TransferWire[]> {
  return (await transferStore.listByOrders(db, merchantId, [orderId])).map((t) => transferToWire(t))
}

/** expand[]=transfers: a collection per order id, optionally only transfers in `status`. */
export async function orderTransferCollections(
  db: Db,
  merchantId: string,
  orderIds: string[],
  status?: string,
): Promise<Map<string, ReturnType<typeof collection<TransferWire>>>> {
  const rows = await transferStore.listByOrders(db, merchantId, orderIds)
  const out = new Map(orderIds.map((id) => [id, [] as TransferWire[]]))
  for (const t of rows) if (!status || t.status === status) out.get(t.source)?.push(transferToWire(t))
  return new Map([...out].map(([id, items]) => [id, collection(items)]))
}
