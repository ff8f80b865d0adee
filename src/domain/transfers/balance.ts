/**
 * Test money for the merchant's payment balance (POST /_sandbox/balance {"amount"} without
 * account_number): the balance Route's direct transfers draw on, like Razorpay's "add funds". The
 * money comes from outside (ledger sandbox_funds → merchant_balance) and is not a settlement item,
 * so scheduled settlements never pay it out: it stays available for transfers.
 */
import type { Deps, Merchant } from '../../http/context.js'
import { newIdBody } from '../../shared/ids.js'
import { paymentBalance, postTopUp, ROUTE_CURRENCY } from './money.js'

export interface PaymentsBalanceWire {
  entity: 'balance'
  type: 'payments'
  balance: number
  currency: string
}

export async function topUpPaymentsBalance(deps: Deps, merchant: Merchant, amount: number): Promise<PaymentsBalanceWire> {
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    await postTopUp(tx, merchant.id, `topup_${newIdBody()}`, amount, now)
    return { entity: 'balance', type: 'payments', balance: await paymentBalance(tx, merchant.id), currency: ROUTE_CURRENCY }
  })
}
