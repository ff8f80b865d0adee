/** Queries for payouts. Every finder is merchant-scoped; state changes are named and guarded by the current status. */
import { sql } from 'kysely'
import type { Page } from '../../http/pagination.js'
import type { Db } from '../../store/schema.js'
import type { PayoutStatus, StatusDetails } from './states.js'
import { preparedFindByMerchantAndId, preparedQuery, preparedWrite } from '../../store/prepared-query.js'
import { insertRow } from '../../store/compiled-insert.js'
import { TableCache } from '../../store/table-cache.js'

export interface PayoutRow {
  id: string
  merchant_id: string
  business_account_id: string
  account_number: string
  fund_account_id: string
  contact_id: string | null
  amount: number
  currency: string
  fees: number
  tax: number
  status: string
  utr: string | null
  mode: string
  purpose: string
  reference_id: string | null
  narration: string | null
  batch_id: string | null
  notes: string
  fee_type: string
  status_reason: string | null
  status_source: string | null
  status_description: string | null
  failure_reason: string | null
  queue_if_low_balance: number
  scenario: string
  created_at: number
  processed_at: number | null
  updated_at: number
  /** Internal: while processing, when the simulated bank answers (merchant clock); see processing.ts. */
  settle_at: number | null
}

declare module '../../store/schema.js' {
  interface Database {
    payouts: PayoutRow
  }
}

export interface PayoutFilter {
  account_number: string
  contact_id?: string
  fund_account_id?: string
  mode?: string
  reference_id?: string
  status?: string
}

/** What a state change writes. */
export type PayoutChange =
  | { kind: 'processing'; fees: number; tax: number; details: StatusDetails; settleAt: number }
  | { kind: 'processed'; utr: string; details: StatusDetails }
  | { kind: 'failed'; details: StatusDetails }
  | { kind: 'reversed'; details: StatusDetails }
  | { kind: 'cancelled' }

export function statusColumns(d: StatusDetails | null): Pick<PayoutRow, 'status_reason' | 'status_source' | 'status_description'> {
  return { status_reason: d?.reason ?? null, status_source: d?.source ?? null, status_description: d?.description ?? null }
}

/** The row after `change`, as the update below writes it. */
export function applyChange(p: PayoutRow, change: PayoutChange, now: number): PayoutRow {
  const base = { ...p, status: change.kind as PayoutStatus, updated_at: now }
  switch (change.kind) {
    case 'processing':
      return { ...base, fees: change.fees, tax: change.tax, settle_at: change.settleAt, ...statusColumns(change.details) }
    case 'processed':
      return { ...base, utr: change.utr, processed_at: now, ...statusColumns(change.details) }
    case 'failed':
      return { ...base, failure_reason: change.details.description, ...statusColumns(change.details) }
    case 'reversed':
      return { ...base, ...statusColumns(change.details) }
    case 'cancelled':
      return { ...base, ...statusColumns(null) }
  }
}

/** The queue's query (exported for its query-plan test). */
export function queuedQuery(db: Db, businessAccountId: string) {
  return db
    .selectFrom('payouts')
    .selectAll()
    .where('business_account_id', '=', businessAccountId)
    .where('status', '=', sql.lit('queued'))
    .orderBy('created_at')
    .orderBy('id')
}

/** Processing payouts of a merchant whose bank answer is due by `upTo`, soonest first (partial index payouts_settle). */
export function dueQuery(db: Db, merchantId: string, upTo: number, limit: number) {
  return db
    .selectFrom('payouts')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('status', '=', sql.lit('processing'))
    .where('settle_at', '<=', upTo)
    .orderBy('settle_at')
    .orderBy('id')
    .limit(limit)
}

/** Every state change writes these columns, guarded by the status it expects: prepared (a settle job runs it 100 times). */
const writeStatus = preparedWrite(
  (
    db,
    p: {
      status: string
      fees: number
      tax: number
      utr: string | null
      processedAt: number | null
      failureReason: string | null
      settleAt: number | null
      statusReason: string | null
      statusSource: string | null
      statusDescription: string | null
      updatedAt: number
      id: string
      from: string
    },
  ) =>
    db
      .updateTable('payouts')
      .set({
        status: p.status,
        fees: p.fees,
        tax: p.tax,
        utr: p.utr,
        processed_at: p.processedAt,
        failure_reason: p.failureReason,
        settle_at: p.settleAt,
        status_reason: p.statusReason,
        status_source: p.statusSource,
        status_description: p.statusDescription,
        updated_at: p.updatedAt,
      })
      .where('id', '=', p.id)
      .where('status', '=', p.from),
)

/** dueQuery, prepared: a settle job reads up to 101 whole rows with it (row-reader.ts builds them ~3× cheaper). */
const due = preparedQuery((db, p: { merchantId: string; upTo: number; limit: number }) => dueQuery(db, p.merchantId, p.upTo, p.limit))

/**
 * The fund account a payout is made to, with its contact's `active` (null when there is no such
 * contact): one read where every payout made two.
 */
const payeeQuery = preparedQuery((db, p: { merchantId: string; id: string }) =>
  db
    .selectFrom('fund_accounts as f')
    .leftJoin('contacts as c', (j) => j.onRef('c.id', '=', 'f.contact_id').onRef('c.merchant_id', '=', 'f.merchant_id'))
    .selectAll('f')
    .select('c.active as contact_active')
    .where('f.id', '=', p.id)
    .where('f.merchant_id', '=', p.merchantId),
)

/**
 * Payees by merchant and fund account, kept while neither table is written: a merchant pays the same
 * few fund accounts again and again, and these rows change only by a PATCH (table-cache.ts).
 */
const payees = new TableCache<Readonly<PayeeRow> | undefined>(['fund_accounts', 'contacts'])

type PayeeRow = NonNullable<Awaited<ReturnType<typeof payeeQuery.first>>>

export const payoutStore = {
  /** The fund account with its contact's `active`; read-only (shared between payouts). */
  payee: (tx: Db, merchantId: string, fundAccountId: string) =>
    payees.get(tx, `${merchantId}\u0000${fundAccountId}`, () => payeeQuery.first(tx, { merchantId, id: fundAccountId })),

  /** Processing payouts of a merchant due by `upTo`, soonest first, at most `limit`. */
  listDue: (db: Db, merchantId: string, upTo: number, limit: number) => due.all(db, { merchantId, upTo, limit }),

  insert: (db: Db, row: PayoutRow) => insertRow(db, 'payouts', row),

  findByMerchantIdAndId: preparedFindByMerchantAndId('payouts'),

  /**
   * Queued payouts of one business account, oldest first (the queue is FIFO). The status is a
   * literal: payouts_queue is a partial index of queued payouts (migration 0012), and SQLite only
   * uses a partial index when the query's own text implies its WHERE.
   */
  listQueuedByBusinessAccountId: (db: Db, businessAccountId: string) => queuedQuery(db, businessAccountId).execute(),

  list(db: Db, merchantId: string, page: Page, f: PayoutFilter) {
    let q = db.selectFrom('payouts').selectAll().where('merchant_id', '=', merchantId).where('account_number', '=', f.account_number)
    for (const k of ['contact_id', 'fund_account_id', 'mode', 'reference_id', 'status'] as const) {
      const v = f[k]
      if (v !== undefined) q = q.where(k, '=', v)
    }
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  /** Writes `change` if the payout is still in `from`; returns the new row, or null if it had moved on. */
  async update(db: Db, p: PayoutRow, change: PayoutChange, now: number): Promise<PayoutRow | null> {
    const next = applyChange(p, change, now)
    const changed = await writeStatus.run(db, {
      status: next.status,
      fees: next.fees,
      tax: next.tax,
      utr: next.utr,
      processedAt: next.processed_at,
      failureReason: next.failure_reason,
      settleAt: next.settle_at,
      statusReason: next.status_reason,
      statusSource: next.status_source,
      statusDescription: next.status_description,
      updatedAt: now,
      id: p.id,
      from: p.status,
    })
    return changed === 1 ? next : null
  },
}
