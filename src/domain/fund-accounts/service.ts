/**
 * Fund accounts: where payouts go. A RazorpayX fund account belongs to a contact (`contact_id`); the
 * payments API's customer fund accounts (what the SDK's `fundAccount.create/fetch` send) belong to a
 * customer (`customer_id`, bank accounts only).
 *
 * A create whose documented identity fields all match an existing fund account of the same owner
 * returns that fund account (validate.ts lists them per type). Fund accounts cannot be edited,
 * only activated or deactivated; an inactive one takes no payouts.
 */
import type { Deps } from '../../http/context.js'
import { parsePage } from '../../http/pagination.js'
import { isIdOf } from '../../shared/ids.js'
import type { Db } from '../../store/schema.js'
import { xErrors, xInvalid, xRequired } from '../banking/errors.js'
import { isXIdOf, newXId } from '../banking/ids.js'
import { getContact, parseActiveFilter } from '../contacts/service.js'
import type { FundAccountCreate, FundAccountQuery } from './schema.js'
import { fundAccountStore, type FundAccountFilter, type FundAccountRow } from './store.js'
import { validateDetails, type ValidatedDetails } from './validate.js'

/**
 * How a customer id is checked. Customers are another slice (issue 5): until it registers its
 * lookup here, any well-formed `cust_` id is accepted.
 */
export type CustomerLookup = (db: Db, merchantId: string, customerId: string) => Promise<boolean>
let customerLookup: CustomerLookup | null = null
export function registerCustomerLookup(fn: CustomerLookup): void {
  customerLookup = fn
}

type Owner = { kind: 'contact' | 'customer'; id: string }

function ownerOf(body: FundAccountCreate): Owner {
  const contact = body.contact_id?.trim() || undefined
  const customer = body.customer_id?.trim() || undefined
  if (contact !== undefined && customer !== undefined)
    throw xInvalid('Send either contact_id or customer_id, not both.', 'customer_id', 'extra_field_sent')
  if (customer !== undefined) return { kind: 'customer', id: customer }
  if (contact === undefined) throw xRequired('contact_id')
  return { kind: 'contact', id: contact }
}

async function checkOwner(db: Db, merchantId: string, owner: Owner): Promise<void> {
  if (owner.kind === 'contact') {
    if (!isXIdOf('contact', owner.id)) throw xErrors.invalidId(owner.id, 'contact_id')
    await getContact(db, merchantId, owner.id, 'contact_id').catch(() => {
      throw xInvalid('The contact id provided does not exist.', 'contact_id')
    })
    return
  }
  if (!isIdOf('customer', owner.id)) throw xErrors.invalidId(owner.id, 'customer_id')
  if (customerLookup && !(await customerLookup(db, merchantId, owner.id)))
    throw xInvalid('The customer id provided does not exist.', 'customer_id')
}

function dedupeKey(owner: Owner, v: ValidatedDetails): string | null {
  return v.identity === null ? null : JSON.stringify([owner.kind, owner.id, v.accountType, ...v.identity])
}

export async function createFundAccount(deps: Deps, merchantId: string, body: FundAccountCreate): Promise<FundAccountRow> {
  const owner = ownerOf(body)
  const v = validateDetails(body)
  if (owner.kind === 'customer' && v.accountType !== 'bank_account')
    throw xInvalid('Customer fund accounts can only be of type bank_account.', 'account_type')
  const now = deps.clock.now(merchantId)
  const key = dedupeKey(owner, v)
  return deps.store.write(async (tx) => {
    await checkOwner(tx, merchantId, owner)
    if (key !== null) {
      const existing = await fundAccountStore.findByMerchantIdAndDedupeKey(tx, merchantId, key)
      if (existing) return existing
    }
    const row: FundAccountRow = {
      id: newXId('fundAccount'),
      merchant_id: merchantId,
      contact_id: owner.kind === 'contact' ? owner.id : null,
      customer_id: owner.kind === 'customer' ? owner.id : null,
      account_type: v.accountType,
      details: JSON.stringify(v.details),
      dedupe_key: key,
      active: 1,
      batch_id: null,
      created_at: now,
    }
    await fundAccountStore.insert(tx, row)
    return row
    // Dedupe is check-then-insert: one create at a time per merchant (PostgreSQL runs them concurrently).
  }, { serializeOn: `fund_accounts:${merchantId}` })
}

export async function getFundAccount(db: Db, merchantId: string, id: string, field = 'id'): Promise<FundAccountRow> {
  if (!isXIdOf('fundAccount', id)) throw xErrors.invalidId(id, field)
  const f = await fundAccountStore.findByMerchantIdAndId(db, merchantId, id)
  if (!f) throw xErrors.notFound(field)
  return f
}

export async function setFundAccountActive(deps: Deps, merchantId: string, id: string, active: boolean | undefined): Promise<FundAccountRow> {
  if (active === undefined) throw xRequired('active')
  return deps.store.write(async (tx) => {
    const f = await getFundAccount(tx, merchantId, id)
    await fundAccountStore.setActive(tx, f.id, active)
    return { ...f, active: active ? 1 : 0 }
  })
}

export async function listFundAccounts(deps: Deps, merchantId: string, q: FundAccountQuery): Promise<FundAccountRow[]> {
  const page = parsePage(q)
  const f: FundAccountFilter = { active: parseActiveFilter(q.active) }
  for (const k of ['contact_id', 'customer_id', 'account_type'] as const) if (q[k] !== undefined && q[k] !== '') f[k] = q[k]
  return fundAccountStore.list(deps.store.db, merchantId, page, f)
}
