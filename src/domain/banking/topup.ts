/**
 * Test money arriving in a business account (POST /_sandbox/balance, `tijori balance add`): a
 * credit from the outside world, announced as `transaction.created` with a bank-transfer source
 * (RT:webhooks/transactions.md), after which queued payouts that now fit leave the queue.
 */
import type { Clock } from '../../clock/clock.js'
import type { Store } from '../../store/store.js'
import { drainQueue } from '../payouts/processing.js'
import { findBusinessAccount, postToAccount, X_LEDGER } from './accounts.js'
import { xErrors, xInvalid } from './errors.js'
import { newXId } from './ids.js'
import { businessAccountStore, type BusinessAccountRow } from './store.js'
import { recordTransaction } from './transactions.js'

/** ₹1,000 crore: a generous ceiling that keeps every sum far from unsafe integers. */
export const MAX_TOP_UP = 1_000_00_00_000_00

export function validateTopUpAmount(amount: unknown): number {
  if (amount === undefined || amount === null || amount === '') throw xInvalid('The amount field is required.', 'amount')
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1 || amount > MAX_TOP_UP)
    throw xInvalid(`The amount must be a positive integer number of paise, at most ${MAX_TOP_UP}.`, 'amount')
  return amount
}

export async function topUpBusinessAccount(
  ctx: { store: Store; clock: Clock },
  merchantId: string,
  accountNumber: string,
  amount: number,
): Promise<BusinessAccountRow> {
  const now = ctx.clock.now(merchantId)
  return ctx.store.write(async (tx) => {
    const acct = await findBusinessAccount(tx, merchantId, accountNumber, now)
    if (!acct) throw xErrors.accountNumberInvalid()
    const source = {
      id: newXId('bankTransfer'),
      entity: 'bank_transfer',
      payer_name: 'Tijori Sandbox',
      payer_account: '0000000000000000',
      payer_ifsc: 'RATN0000001',
      mode: 'NEFT',
      bank_reference: `TIJR${now}`,
      amount,
    }
    const { txnId, balance } = await postToAccount(tx, acct, { refType: 'razorpayx_topup', refId: source.id, now }, [
      { account: X_LEDGER.external, amount: -amount },
    ])
    await recordTransaction(tx, { account: acct, ledgerTxnId: txnId, credit: amount, debit: 0, balance, source, now })
    await drainQueue(tx, acct.id, merchantId, now)
    return (await businessAccountStore.findByMerchantIdAndId(tx, merchantId, acct.id)) ?? { ...acct, balance }
  })
}
