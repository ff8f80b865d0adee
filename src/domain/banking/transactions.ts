/**
 * Statement lines: each movement of a business account announces `transaction.created`
 * (RT:webhooks/transactions.md), recorded in the movement's own transaction.
 */
import type { Db } from '../../store/schema.js'
import { recordEventList, type EventToRecord } from '../../webhooks/outbox.js'
import { transactionToWire } from './entity.js'
import type { AccountRef } from './accounts.js'

interface Movement {
  account: AccountRef
  ledgerTxnId: string
  credit: number
  debit: number
  balance: number
  source: Record<string, unknown>
  now: number
}

/** Records `transaction.created` for a movement, after `before` (the movement's own events), in one statement. */
export async function recordTransaction(tx: Db, t: Movement, before: readonly EventToRecord[] = []): Promise<void> {
  const created: EventToRecord = { event: 'transaction.created', payload: { transaction: { entity: transactionToWire(t) } } }
  await recordEventList(tx, t.account.merchant_id, [...before, created], t.now)
}
