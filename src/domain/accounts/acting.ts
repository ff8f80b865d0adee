/**
 * `X-Razorpay-Account: acc_…` — a merchant acting as one of its Route linked accounts
 * (RT:api/payments/route/fetch-payments-linked-account.md; the SDK forwards this one header).
 *
 * The request then runs as the linked account: `merchant.id` is the linked account's id and
 * `merchant.parentId` the parent's, so the merchant-scoped reads of payments and settlements show the
 * linked account's own rows, and the transfer routes show the transfers it received. A linked account
 * sees its own transfers, payments and settlements and nothing else: any other route answers 400.
 * A header naming the caller itself changes nothing.
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest } from '../../http/errors.js'
import { isIdOf } from '../../shared/ids.js'
import { linkedAccountStore } from './store.js'

export const ACCOUNT_HEADER = 'X-Razorpay-Account'

/** The routes (method + route URL) a linked account may call: reads of its own money. */
const LINKED_ACCOUNT_ROUTES = new Set([
  'GET /v1/payments',
  'GET /v1/payments/:id',
  'GET /v1/transfers',
  'GET /v1/transfers/:id',
  'GET /v1/transfers/:id/reversals',
  'GET /v1/settlements',
  'GET /v1/settlements/:id',
])

function notYours() {
  return badRequest('The id provided does not exist', { field: ACCOUNT_HEADER, source: 'NA', step: 'NA', reason: 'NA' })
}

/** Resolves the header for an authenticated merchant on route `method url`; returns who the request acts as. */
export async function actAs(deps: Deps, merchant: Merchant, header: string | string[] | undefined, route: { method: string; url: string }): Promise<Merchant> {
  if (header === undefined) return merchant
  const id = (Array.isArray(header) ? header.join(',') : header).trim()
  if (id === '' || id === merchant.id) return merchant
  if (!isIdOf('merchant', id)) throw notYours()
  const account = await linkedAccountStore.findByMerchantIdAndId(deps.store.db, merchant.id, id)
  if (!account) throw notYours()
  if (!LINKED_ACCOUNT_ROUTES.has(`${route.method} ${route.url}`))
    throw badRequest(
      `A linked account (${ACCOUNT_HEADER}) can only read its own transfers, payments and settlements; ${route.method} ${route.url} is not available to it.`,
      { field: ACCOUNT_HEADER, source: 'NA', step: 'NA', reason: 'NA' },
    )
  return { ...merchant, id: account.id, parentId: merchant.id }
}
