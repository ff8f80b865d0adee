/**
 * Route transfers: direct (POST /v1/transfers), from payments (POST /v1/payments/:id/transfers),
 * fetch, list and settlement holds (PATCH /v1/transfers/:id). Order transfers are in orders.ts,
 * reversals in reversals.ts, money movement in processing.ts.
 *
 * Invariants:
 *  - A transfer takes amount + fees from the merchant's payment balance exactly once, when it is
 *    processed, and only if the balance covers it (money.ts).
 *  - The transfers of a payment (its own and its paid order's), failed ones aside, never sum to more
 *    than the payment's captured amount.
 *  - Only the parent merchant sees a transfer in full; a linked account sees the transfers it received.
 */
import type { Deps, Merchant } from '../../http/context.js'
import { badRequest, errors, type ApiError } from '../../http/errors.js'
import { withIdempotency } from '../../http/idempotency.js'
import type { Page } from '../../http/pagination.js'
import { isIdOf, newId } from '../../shared/ids.js'
import type { Db } from '../../store/schema.js'
import { requireTransferable } from '../accounts/service.js'
import { getPayment } from '../payments/queries.js'
import { settlementStore, type SettlementRow } from '../settlements/store.js'
import { transferToWire, type TransferWire } from './entity.js'
import { transferFees } from './fees.js'
import { ensureKeyPurge } from '../../http/idempotency-retention.js'
import { TRANSFER_KEY_SCOPE, TRANSFER_KEY_TTL_SECONDS, transferKeyRetention, transferKeyRules } from './idempotency.js'
import { paymentBalance, ROUTE_CURRENCY } from './money.js'
import { lockMoney } from '../../ledger/ledger.js'
import { processTransfer, queueProcessing } from './processing.js'
import { cycleSlot, scheduleSettlement, settleAtFor } from './settlement.js'
import { credited } from './states.js'
import { transferStore, type TransferRow } from './store.js'
import { parseBool, parseHoldUntil, parseTransferList, parseTransferSpec, type TransferSpec } from './validate.js'

/** The documented text (RT:api/payments/route/create-transfers-payments.md). */
export function insufficientBalance(): ApiError {
  return badRequest('Transfer cannot be made due to insufficient balance', { step: 'balance_check', reason: 'insufficient_balance' })
}

export function newTransferRow(
  merchantId: string,
  spec: TransferSpec,
  recipient: string,
  source: { source: string; type: TransferRow['source_type']; paymentId: string | null; status: 'created' | 'pending' },
  now: number,
): TransferRow {
  // Fees are charged when the money moves; an order transfer gets them once its order is paid.
  const { fees, tax } = source.status === 'created' ? { fees: 0, tax: 0 } : transferFees(spec.amount)
  return {
    id: newId('transfer'),
    merchant_id: merchantId,
    source: source.source,
    source_type: source.type,
    payment_id: source.paymentId,
    recipient,
    amount: spec.amount,
    currency: ROUTE_CURRENCY,
    amount_reversed: 0,
    fees,
    tax,
    notes: JSON.stringify(spec.notes),
    linked_account_notes: JSON.stringify(spec.linkedAccountNotes),
    on_hold: spec.onHold ? 1 : 0,
    on_hold_until: spec.onHoldUntil,
    status: source.status,
    settle_at: null,
    recipient_settlement_id: null,
    settled_at: null,
    recipient_payment_id: null,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    attempts: 0,
    created_at: now,
    processed_at: null,
    updated_at: now,
  }
}

async function createDirectInTx(tx: Db, merchantId: string, spec: TransferSpec, now: number): Promise<TransferRow> {
  await lockMoney(tx, merchantId)
  const account = await requireTransferable(tx, merchantId, spec.account, now, 'account')
  const t = newTransferRow(merchantId, spec, account.id, { source: merchantId, type: 'direct', paymentId: null, status: 'pending' }, now)
  if ((await paymentBalance(tx, merchantId)) < t.amount + t.fees) throw insufficientBalance()
  await transferStore.insert(tx, t)
  return processTransfer(tx, t, now)
}

/**
 * POST /v1/transfers: a direct transfer from the merchant's payment balance, processed at once.
 * With X-Transfer-Idempotency the transfer and its key commit together (idempotency.ts).
 */
export async function createDirectTransfer(deps: Deps, merchant: Merchant, body: Record<string, unknown>, key: string | undefined): Promise<TransferRow> {
  const now = deps.clock.now(merchant.id)
  if (key === undefined) {
    const spec = parseTransferSpec(body, '')
    return deps.store.write((tx) => createDirectInTx(tx, merchant.id, spec, now))
  }
  return withIdempotency(
    deps,
    { merchantId: merchant.id, scope: TRANSFER_KEY_SCOPE, key, body, now, rules: transferKeyRules, ttl: TRANSFER_KEY_TTL_SECONDS },
    async (tx) => {
      const t = await createDirectInTx(tx, merchant.id, parseTransferSpec(body, ''), now)
      await ensureKeyPurge(tx, transferKeyRetention, merchant.id, now)
      return { resourceId: t.id, result: t }
    },
    // A replay answers with the transfer as it is now.
    async (tx, id) => {
      const t = await transferStore.findByMerchantIdAndId(tx, merchant.id, id)
      if (!t) throw errors.server()
      return t
    },
  )
}

/**
 * POST /v1/payments/:id/transfers: transfers of a captured payment's money, `pending` until the
 * processing job moves it. The balance must cover them now too (the documented 400).
 */
export async function createPaymentTransfers(deps: Deps, merchant: Merchant, paymentId: string, raw: unknown): Promise<TransferRow[]> {
  const specs = parseTransferList(raw)
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const p = await getPayment(tx, merchant.id, paymentId)
    const meta = { payment_id: p.id }
    if (p.status !== 'captured')
      throw badRequest('Transfers can be made only on captured payments.', { field: 'payment_id', metadata: meta })
    // "You cannot request a transfer on payment once a refund has been initiated."
    if (p.amount_refunded > 0)
      throw badRequest('Transfer cannot be made on a payment that has been refunded.', { field: 'payment_id', metadata: meta })
    if (p.currency !== ROUTE_CURRENCY) throw badRequest('The currency should be INR for transfers', { field: 'payment_id', metadata: meta })
    const rows: TransferRow[] = []
    for (const [i, spec] of specs.entries()) {
      const account = await requireTransferable(tx, merchant.id, spec.account, now, `transfers.${i}.account`)
      rows.push(newTransferRow(merchant.id, spec, account.id, { source: p.id, type: 'payment', paymentId: p.id, status: 'pending' }, now))
    }
    await lockMoney(tx, merchant.id)
    const existing = (await transferStore.listByPayment(tx, merchant.id, p.id)).filter((t) => t.status !== 'failed')
    const total = [...existing, ...rows].reduce((s, t) => s + t.amount, 0)
    if (total > p.amount) throw badRequest('The sum of amount requested for transfer is greater than the captured amount', { field: 'transfers', metadata: meta })
    if ((await paymentBalance(tx, merchant.id)) < rows.reduce((s, t) => s + t.amount + t.fees, 0)) throw insufficientBalance()
    for (const t of rows) {
      await transferStore.insert(tx, t)
      await queueProcessing(tx, t, now)
    }
    return rows
  })
}

/** A transfer the caller may read: the parent's own, or one a linked account received. */
export async function getTransfer(db: Db, merchant: Merchant, id: string): Promise<TransferRow> {
  if (!isIdOf('transfer', id)) throw errors.invalidId(id)
  const t = merchant.parentId
    ? await transferStore.findByRecipientAndId(db, merchant.parentId, merchant.id, id)
    : await transferStore.findByMerchantIdAndId(db, merchant.id, id)
  if (!t) throw errors.notFound()
  return t
}

export async function listTransfers(db: Db, merchant: Merchant, page: Page, recipientSettlementId: string | undefined): Promise<TransferRow[]> {
  const filter = recipientSettlementId !== undefined && recipientSettlementId !== '' ? { recipientSettlementId } : {}
  if (merchant.parentId) return transferStore.list(db, merchant.parentId, page, { ...filter, recipient: merchant.id })
  return transferStore.list(db, merchant.id, page, filter)
}

/** GET /v1/payments/:id/transfers: the transfers moving this payment's money. */
export async function listPaymentTransfers(db: Db, merchant: Merchant, paymentId: string, page: Page): Promise<TransferRow[]> {
  const p = await getPayment(db, merchant.id, paymentId)
  return transferStore.listByPayment(db, merchant.id, p.id, page)
}

/** Renders transfers for the caller; `expandSettlement` adds `recipient_settlement`. */
export async function renderTransfers(db: Db, merchant: Merchant, rows: TransferRow[], expandSettlement = false): Promise<TransferWire[]> {
  const asRecipient = merchant.parentId !== undefined
  if (!expandSettlement) return rows.map((t) => transferToWire(t, { asRecipient }))
  const ids = [...new Set(rows.flatMap((t) => (t.recipient_settlement_id ? [t.recipient_settlement_id] : [])))]
  // A linked account's settlements are its own rows (merchant_id = the linked account).
  const found = ids.length === 0 ? [] : await db.selectFrom('settlements').selectAll().where('id', 'in', ids).execute()
  const recipients = new Set(rows.map((t) => t.recipient))
  const settlements = new Map<string, SettlementRow>(found.filter((s) => recipients.has(s.merchant_id)).map((s) => [s.id, s]))
  return rows.map((t) => transferToWire(t, { asRecipient, settlements }))
}

export function parseTransferExpand(expand: string[] | undefined): boolean {
  const list = expand ?? []
  for (const e of list) if (e !== 'recipient_settlement') throw badRequest(`${e} is not a valid expand value`, { field: 'expand' })
  return list.length > 0
}

/**
 * PATCH /v1/transfers/:id {on_hold, on_hold_until}: changes a transfer's settlement hold. A settled
 * transfer can no longer be held (CHOSEN: the docs do not say; its money has left the linked account).
 */
export async function editTransferHold(deps: Deps, merchant: Merchant, id: string, body: Record<string, unknown>): Promise<TransferRow> {
  if (body.on_hold === undefined || body.on_hold === null || body.on_hold === '') throw errors.required('on_hold')
  const onHold = parseBool(body.on_hold, 'on_hold')
  const onHoldUntil = parseHoldUntil(body.on_hold_until, 'on_hold_until')
  if (onHoldUntil !== null && !onHold) throw badRequest('The on_hold_until field may be sent only when on_hold is true.', { field: 'on_hold_until' })
  const now = deps.clock.now(merchant.id)
  return deps.store.write(async (tx) => {
    const t = await getTransfer(tx, merchant, id)
    if (t.recipient_settlement_id !== null)
      throw badRequest('The transfer has already been settled to the linked account; its settlement hold cannot be changed.', { field: 'id' })
    let settleAt = t.settle_at
    if (credited(t) && t.processed_at !== null) settleAt = settleAtFor({ onHold, onHoldUntil }, await cycleSlot(tx, t.merchant_id, t.processed_at), now)
    await transferStore.update(tx, t.id, { kind: 'hold', onHold, onHoldUntil, settleAt }, now)
    const row: TransferRow = { ...t, on_hold: onHold ? 1 : 0, on_hold_until: onHoldUntil, settle_at: settleAt, updated_at: now }
    if (credited(row)) await scheduleSettlement(tx, row, now)
    return row
  })
}
