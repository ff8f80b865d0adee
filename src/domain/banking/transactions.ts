/**
 * Statement lines: each movement of a business account announces `transaction.created`
 * (RT:webhooks/transactions.md), recorded in the movement's own transaction.
 */
import type { Db } from '../../store/schema.js'
import { recordEvent } from '../../webhooks/outbox.js'
import { transactionToWire, type TransactionWire } from './entity.js'
import type { BusinessAccountRow } from './store.js'

export async function recordTransaction(
  tx: Db,
  t: { account: BusinessAccountRow; ledgerTxnId: string; credit: number; debit: number; balance: number; source: Record<string, unknown>; now: number },
): Promise<TransactionWire> {
  const wire = transactionToWire(t)
  await recordEvent(tx, t.account.merchant_id, 'transaction.created', { transaction: { entity: wire } }, t.now)
  return wire
}
