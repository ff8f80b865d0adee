/**
 * The sandbox balance API (outside /v1, authenticated with the merchant's key pair):
 *   POST /_sandbox/balance {"account_number", "amount"}  → adds `amount` paise of test money to that
 *        RazorpayX business account (queued payouts that now fit are processed) and answers its
 *        banking_balance entity.
 * Without `account_number` the request targets the merchant's payments balance, which Route
 * transfers draw on (issue 4 adds that target in `balanceTarget` below); until then it is refused.
 */
import { Type } from 'typebox'
import { bankingBalanceToWire } from '../domain/banking/entity.js'
import { xInvalid, xRequired } from '../domain/banking/errors.js'
import { topUpBusinessAccount, validateTopUpAmount } from '../domain/banking/topup.js'
import { defineRoute } from '../http/route.js'

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
      if (target.kind === 'payments_balance') throw xRequired('account_number')
      const acct = await topUpBusinessAccount(deps, merchant.id, target.accountNumber, amount)
      return bankingBalanceToWire(acct, deps.clock.now(merchant.id))
    },
  }),
]
