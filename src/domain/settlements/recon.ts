/**
 * Settlement recon (GET /v1/settlements/recon/combined?year&month[&day][&count][&skip]): the
 * transactions settled to the merchant's account in one IST calendar month or day, with the
 * documented item fields (RT:api/settlements/fetch-recon.md). count is 1-1000 (default 10).
 * Error texts are the documented ones: "The year must be 4 digits.", "The month is not a valid
 * month.", "The day must be between 1 and 2 digits.".
 */
import { badRequest, errors } from '../../http/errors.js'
import { parsePage } from '../../http/pagination.js'
import type { CardRow, Db, OrderRow, PaymentRow, RefundRow } from '../../store/schema.js'
import { istPeriod } from './calendar.js'
import { reconItemToWire, type ReconItemWire } from './entity.js'
import type { ReconQuery } from './schema.js'
import { settlementStore, type SettlementRow } from './store.js'

export interface ReconPeriod {
  year: number
  month: number
  day: number | null
}

export function parseReconPeriod(q: ReconQuery): ReconPeriod {
  if (q.year === undefined || q.year === '') throw errors.required('year')
  if (!/^\d{4}$/.test(q.year)) throw badRequest('The year must be 4 digits.', { field: 'year' })
  if (q.month === undefined || q.month === '') throw errors.required('month')
  const month = /^\d{1,2}$/.test(q.month) ? Number(q.month) : NaN
  if (!(month >= 1 && month <= 12)) throw badRequest('The month is not a valid month.', { field: 'month' })
  const year = Number(q.year)
  let day: number | null = null
  if (q.day !== undefined && q.day !== '') {
    if (!/^\d{1,2}$/.test(q.day)) throw badRequest('The day must be between 1 and 2 digits.', { field: 'day' })
    day = Number(q.day)
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
    // CHOSEN text: the docs only document the digits rule.
    if (day < 1 || day > daysInMonth) throw badRequest('The day is not a valid day of the month.', { field: 'day' })
  }
  return { year, month, day }
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]))
}

const uniq = (ids: string[]) => [...new Set(ids)]

const findPayments = (db: Db, merchantId: string, ids: string[]): Promise<PaymentRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('payments').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', uniq(ids)).execute()
const findRefunds = (db: Db, merchantId: string, ids: string[]): Promise<RefundRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('refunds').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', uniq(ids)).execute()
const findOrders = (db: Db, merchantId: string, ids: string[]): Promise<OrderRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', uniq(ids)).execute()
const findCards = (db: Db, merchantId: string, ids: string[]): Promise<CardRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('cards').selectAll().where('merchant_id', '=', merchantId).where('id', 'in', uniq(ids)).execute()

export async function reconCombined(db: Db, merchantId: string, q: ReconQuery): Promise<ReconItemWire[]> {
  const period = parseReconPeriod(q)
  const page = parsePage({ count: q.count, skip: q.skip }, 1000)
  const { start, end } = istPeriod(period.year, period.month, period.day)
  const items = await settlementStore.listSettledBetween(db, merchantId, start, end, page.count, page.skip)
  const payments = byId(await findPayments(db, merchantId, items.map((i) => i.payment_id)))
  const refunds = byId(await findRefunds(db, merchantId, items.filter((i) => i.type === 'refund').map((i) => i.entity_id)))
  const orders = byId(await findOrders(db, merchantId, [...payments.values()].flatMap((p) => (p.order_id ? [p.order_id] : []))))
  const cards = byId(await findCards(db, merchantId, [...payments.values()].flatMap((p) => (p.card_id ? [p.card_id] : []))))
  const settlementIds = uniq(items.flatMap((i) => (i.settlement_id ? [i.settlement_id] : [])))
  const settlements = byId<SettlementRow>(await settlementStore.listByIds(db, merchantId, settlementIds))
  return items.map((i) => {
    const payment = payments.get(i.payment_id)
    return reconItemToWire(i, {
      payment,
      refund: i.type === 'refund' ? refunds.get(i.entity_id) : undefined,
      order: payment?.order_id ? orders.get(payment.order_id) : undefined,
      card: payment?.card_id ? cards.get(payment.card_id) : undefined,
      settlement: i.settlement_id ? settlements.get(i.settlement_id) : undefined,
    })
  })
}
