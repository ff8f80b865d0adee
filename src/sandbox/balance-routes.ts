/**
 * The sandbox balance API (outside /v1, authenticated with the merchant's key pair):
 *   POST /_sandbox/balance {"account_number", "amount"}  → adds `amount` paise of test money to that
 *        RazorpayX business account (queued payouts that now fit are processed) and answers its
 *        banking_balance entity.
 *   POST /_sandbox/balance {"amount"}                    → adds test money to the merchant's payment
 *        balance, which Route's direct transfers draw on (domain/transfers/balance.ts), and answers
 *        {"entity":"balance","type":"payments","balance","currency"}.
 */
import { Type } from 'typebox'
import { bankingBalanceToWire } from '../domain/banking/entity.js'
import { xInvalid } from '../domain/banking/errors.js'
import { topUpBusinessAccount, validateTopUpAmount } from '../domain/banking/topup.js'
import { defineRoute } from '../http/route.js'
import { topUpPaymentsBalance } from '../domain/transfers/balance.js'

const TopUp = Type.Object({ account_number: Type.Optional(Type.Unknown()), amount: Type.Optional(Type.Unknown()) }, { additionalProperties: false })

type Target = { kind: 'business_account'; accountNumber: string } | { kind: 'payments_balance' }

function balanceTarget(body: { account_number?: unknown }): Target {
  const n = body.account_number
  if (n === undefined || n === null || n === '') return { kind: 'payments_balance' }
  if (typeof n !== 'string' && typeof n !== 'number') throw xInvalid('The account_number must be a string.', 'account_number')
  return { kind: 'business_account', accountNumber: String(n).trim() }
}

export const balanceRoutes = [
  defineRoute({
    method: 'POST',
    url: '/_sandbox/balance',
    body: TopUp,
    handler: async ({ merchant, body, deps }) => {
      const amount = validateTopUpAmount(body.amount)
      const target = balanceTarget(body)
      if (target.kind === 'payments_balance') return topUpPaymentsBalance(deps, merchant, amount)
      const acct = await topUpBusinessAccount(deps, merchant.id, target.accountNumber, amount)
      return bankingBalanceToWire(acct, deps.clock.now(merchant.id))
    },
  }),
]
