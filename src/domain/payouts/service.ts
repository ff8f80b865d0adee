/**
 * RazorpayX payouts: create (exactly once per X-Payout-Idempotency key), fetch, list, cancel.
 *
 * Invariants:
 *  - A payout debits its business account exactly once, when it enters `processing`, by amount +
 *    fees (fees include tax); a failure or reversal credits exactly that back. The account's
 *    balance never goes negative (banking/accounts.ts refuses it).
 *  - With too little balance a payout is refused (400 insufficient_funds), or `queued` when
 *    `queue_if_low_balance` is true; queued payouts take no money until balance arrives.
 *  - Only queued payouts can be cancelled.
 * The key record, the payout, its ledger entries, its events and its jobs commit in one transaction.
 */
import type { Deps, Merchant } from '../../http/context.js'
import { withIdempotency } from '../../http/idempotency.js'
import { validateNotes } from '../../http/notes.js'
import { parsePage } from '../../http/pagination.js'
import { newId, isIdOf } from '../../shared/ids.js'
import { isXIdOf } from '../banking/ids.js'
import type { Db } from '../../store/schema.js'
import { findAccountRef } from '../banking/accounts.js'
import { xErrors, xInvalid, xRequired } from '../banking/errors.js'
import { ensureKeyPurge } from '../../http/idempotency-retention.js'
import { KEY_TTL_SECONDS, PAYOUT_KEY_SCOPE, payoutKeyMissing, payoutKeyRetention, payoutKeyRules } from './idempotency.js'
import { checkModeAndAmount, PAYOUT_MODES, type PayoutMode } from './modes.js'
import { announce, debitIfCovered, processingFields } from './processing.js'
import type { PayoutCreate, PayoutQuery } from './schema.js'
import { encodeScenario, scenarioFor } from './scenarios.js'
import { PAYOUT_STATUSES, QUEUED_LOW_BALANCE } from './states.js'
import { payoutStore, statusColumns, type PayoutFilter, type PayoutRow } from './store.js'
import { preparedQuery } from '../../store/prepared-query.js'

/** The default purposes; others are created on the Dashboard, which Tijori does not have. */
export const PAYOUT_PURPOSES = ['refund', 'cashback', 'payout', 'salary', 'utility bill', 'vendor bill'] as const

export interface PayoutInput {
  accountNumber: string
  fundAccountId: string
  amount: number
  mode: PayoutMode
  purpose: string
  queueIfLowBalance: boolean
  referenceId: string | null
  narration: string | null
  notes: string
}

function text(v: string | null | undefined): string | null {
  if (v === undefined || v === null) return null
  const t = v.trim()
  return t === '' ? null : t
}

/** Field rules of POST /v1/payouts, in the order Razorpay lists the fields. */
export function validatePayoutInput(body: PayoutCreate): PayoutInput {
  const accountNumber = text(body.account_number)
  if (accountNumber === null) throw xRequired('account_number')
  const fundAccountId = text(body.fund_account_id)
  if (fundAccountId === null) throw xRequired('fund_account_id')
  if (body.amount === undefined) throw xRequired('amount')
  if (body.amount < 100) throw xInvalid('The amount must be at least 100.', 'amount')
  if (!Number.isSafeInteger(body.amount)) throw xInvalid('The amount must be an integer.', 'amount')
  const currency = text(body.currency)
  if (currency === null) throw xRequired('currency')
  if (currency !== 'INR') throw xInvalid('The selected currency is invalid.', 'currency')
  const mode = text(body.mode)
  if (mode === null) throw xRequired('mode')
  if (!(PAYOUT_MODES as readonly string[]).includes(mode)) throw xInvalid(`Invalid payout mode: ${mode}. Modes are case-sensitive.`, 'mode')
  const purpose = text(body.purpose)
  if (purpose === null) throw xRequired('purpose')
  if (!(PAYOUT_PURPOSES as readonly string[]).includes(purpose)) throw xInvalid(`Invalid purpose: ${purpose}`, 'purpose')
  const referenceId = text(body.reference_id)
  if (referenceId !== null && referenceId.length > 40) throw xInvalid('The reference id may not be greater than 40 characters.', 'reference_id')
  const narration = text(body.narration)
  if (narration !== null && narration.length > 30) throw xInvalid('The narration may not be greater than 30 characters.', 'narration')
  if (narration !== null && !/^[a-zA-Z0-9 ]+$/.test(narration))
    throw xInvalid('The narration may contain only letters, digits and spaces.', 'narration')
  return {
    accountNumber,
    fundAccountId,
    amount: body.amount,
    mode: mode as PayoutMode,
    purpose,
    queueIfLowBalance: body.queue_if_low_balance ?? false,
    referenceId,
    narration,
    notes: JSON.stringify(validateNotes(body.notes)),
  }
}

/** The default narration is the merchant's billing label: its name, as a bank statement can show it. */
const merchantName = preparedQuery((db, p: { merchantId: string }) => db.selectFrom('merchants').select('name').where('id', '=', p.merchantId))

/**
 * Labels by merchant id. A merchant's name never changes once created (nothing updates it), so a
 * label read once holds, and most payouts skip a query. Bounded like FinishedKeys.
 */
const labels = new Map<string, string | null>()
const MAX_LABELS = 1000

async function billingLabel(tx: Db, merchantId: string): Promise<string | null> {
  const known = labels.get(merchantId)
  if (known !== undefined) return known
  const m = await merchantName.first(tx, { merchantId })
  if (!m) return null
  const text = m.name.replace(/[^a-zA-Z0-9 ]/g, '').trim().slice(0, 30).trim()
  const label = text === '' ? null : text
  if (labels.size >= MAX_LABELS) labels.delete(labels.keys().next().value as string)
  labels.set(merchantId, label)
  return label
}

export function insufficientBalance() {
  return xInvalid('Your account does not have enough balance to carry out the payout operation.', undefined, 'insufficient_funds')
}

/** A created (or replayed) payout, with its JSON when the create already rendered it (announcing it). */
export interface CreatedPayout {
  payout: PayoutRow
  json?: string
}

async function createInTx(tx: Db, merchantId: string, body: PayoutCreate, now: number): Promise<CreatedPayout> {
  const input = validatePayoutInput(body)
  const acct = await findAccountRef(tx, merchantId, input.accountNumber, now)
  if (!acct) throw xErrors.accountNumberInvalid()
  if (!isXIdOf('fundAccount', input.fundAccountId)) throw xErrors.invalidId(input.fundAccountId, 'fund_account_id')
  const fa = await payoutStore.payee(tx, merchantId, input.fundAccountId)
  if (!fa) throw xErrors.notFound('fund_account_id')
  if (fa.contact_id === null) throw xInvalid('Payouts can only be made to fund accounts of contacts.', 'fund_account_id')
  if (fa.active !== 1) throw xInvalid('The fund account is inactive. Activate it before making payouts to it.', 'fund_account_id')
  if (fa.contact_active !== null && fa.contact_active !== 1)
    throw xInvalid('The contact is inactive. Activate it before making payouts to it.', 'fund_account_id')
  checkModeAndAmount(input.mode, fa.account_type, input.amount)

  const base: PayoutRow = {
    id: newId('payout'),
    merchant_id: merchantId,
    business_account_id: acct.id,
    account_number: acct.account_number,
    fund_account_id: fa.id,
    contact_id: fa.contact_id,
    amount: input.amount,
    currency: 'INR',
    fees: 0,
    tax: 0,
    status: 'queued',
    utr: null,
    mode: input.mode,
    purpose: input.purpose,
    reference_id: input.referenceId,
    narration: input.narration ?? (await billingLabel(tx, merchantId)),
    batch_id: null,
    notes: input.notes,
    fee_type: '',
    ...statusColumns(QUEUED_LOW_BALANCE),
    failure_reason: null,
    queue_if_low_balance: input.queueIfLowBalance ? 1 : 0,
    scenario: encodeScenario(scenarioFor(fa, input.mode)),
    created_at: now,
    processed_at: null,
    updated_at: now,
    settle_at: null,
  }
  // The debit is the balance check: a conditional update that moves nothing when amount + fees
  // are not covered (so the account is not read first).
  const f = processingFields(input.mode, input.amount, now)
  const p: PayoutRow = { ...base, status: 'processing', fees: f.fees, tax: f.tax, settle_at: f.settleAt, ...statusColumns(f.details) }
  const debited = await debitIfCovered(tx, acct, p, now)
  if (debited !== null) {
    await payoutStore.insert(tx, p)
    return { payout: p, json: debited.json }
  }
  if (!input.queueIfLowBalance) throw insufficientBalance()
  await payoutStore.insert(tx, base)
  await announce(tx, 'payout.queued', base, now)
  return { payout: base }
}

/** POST /v1/payouts: the header is mandatory; the payout and its key commit together. */
export async function createPayout(deps: Deps, merchant: Merchant, body: PayoutCreate, key: string | undefined): Promise<CreatedPayout> {
  if (key === undefined || key.trim() === '') throw payoutKeyMissing()
  const now = deps.clock.now(merchant.id)
  return withIdempotency(
    deps,
    { merchantId: merchant.id, scope: PAYOUT_KEY_SCOPE, key, body, now, rules: payoutKeyRules, ttl: KEY_TTL_SECONDS },
    async (tx) => {
      const created = await createInTx(tx, merchant.id, body, now)
      await ensureKeyPurge(tx, payoutKeyRetention, merchant.id, now)
      return { resourceId: created.payout.id, result: created }
    },
    // A replay answers with the payout as it is now: its status may have moved on.
    async (tx, id) => ({ payout: await getPayout(tx, merchant.id, id) }),
  )
}

export async function getPayout(db: Db, merchantId: string, id: string): Promise<PayoutRow> {
  if (!isIdOf('payout', id)) throw xErrors.invalidId(id)
  const p = await payoutStore.findByMerchantIdAndId(db, merchantId, id)
  if (!p) throw xErrors.notFound()
  return p
}

export async function listPayouts(deps: Deps, merchantId: string, q: PayoutQuery): Promise<PayoutRow[]> {
  const accountNumber = text(q.account_number)
  if (accountNumber === null) throw xRequired('account_number')
  const page = parsePage(q)
  const f: PayoutFilter = { account_number: accountNumber }
  if (q.status !== undefined && q.status !== '') {
    if (!(PAYOUT_STATUSES as readonly string[]).includes(q.status)) throw xInvalid('The selected status is invalid.', 'status')
    f.status = q.status
  }
  if (q.mode !== undefined && q.mode !== '') {
    if (!(PAYOUT_MODES as readonly string[]).includes(q.mode)) throw xInvalid(`Invalid payout mode: ${q.mode}. Modes are case-sensitive.`, 'mode')
    f.mode = q.mode
  }
  for (const k of ['contact_id', 'fund_account_id', 'reference_id'] as const) if (q[k] !== undefined && q[k] !== '') f[k] = q[k]
  return payoutStore.list(deps.store.db, merchantId, page, f)
}

/** POST /v1/payouts/:id/cancel — queued payouts only (RT:api/x/payouts/cancel.md). */
export async function cancelPayout(deps: Deps, merchantId: string, id: string): Promise<PayoutRow> {
  const now = deps.clock.now(merchantId)
  return deps.store.write(async (tx) => {
    const p = await getPayout(tx, merchantId, id)
    if (p.status !== 'queued')
      throw xInvalid(`Only queued payouts can be cancelled. This payout is ${p.status}.`, 'id', 'payout_not_cancellable')
    const done = await payoutStore.update(tx, p, { kind: 'cancelled' }, now)
    if (!done) throw xInvalid('Only queued payouts can be cancelled.', 'id', 'payout_not_cancellable')
    await announce(tx, 'payout.updated', done, now)
    return done
  })
}
