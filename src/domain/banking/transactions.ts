/**
 * Statement lines: each movement of a business account announces `transaction.created`
 * (RT:webhooks/transactions.md), recorded in the movement's own transaction.
 */
import type { Db } from '../../store/schema.js'
import { recordEventList, type EventToRecord } from '../../webhooks/outbox.js'
import { transactionToWire } from './entity.js'
import type { AccountRef } from './accounts.js'

export interface Movement {
  account: AccountRef
  ledgerTxnId: string
  credit: number
  debit: number
  balance: number
  source: Record<string, unknown>
  now: number
}

/** The `transaction.created` event of a movement, for a caller that records it with events of its own. */
export function transactionEvent(t: Movement): EventToRecord {
  return { event: 'transaction.created', payload: { transaction: { entity: transactionToWire(t) } } }
}

export async function recordTransaction(tx: Db, t: Movement, before: readonly EventToRecord[] = []): Promise<void> {
  await recordEventList(tx, t.account.merchant_id, [...before, transactionEvent(t)], t.now)
}
