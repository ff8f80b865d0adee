/** Items (RT:api/payments/invoices/*-item.md): reusable line items for invoices. Deleting answers []. */
import type { Deps } from '../../http/context.js'
import { badRequest, errors } from '../../http/errors.js'
import { parsePage } from '../../http/pagination.js'
import { isSupportedCurrency } from '../../shared/money.js'
import type { Db } from '../../store/schema.js'
import { isRIdOf, newRId } from '../customers/ids.js'
import { flag } from './registration.js'
import type { ItemCreate, ItemEdit } from './schema.js'
import { invoiceStore, type ItemRow } from './store.js'

function checkCurrency(c: string): string {
  if (!isSupportedCurrency(c)) throw badRequest('The currency is invalid.', { field: 'currency' })
  return c
}

function checkName(n: string): string {
  if (n.trim() === '') throw errors.required('name')
  if (n.length > 250) throw badRequest('The name may not be greater than 250 characters.', { field: 'name' })
  return n
}

function checkAmount(a: number): number {
  if (a < 0) throw badRequest('The amount must be at least 0.', { field: 'amount' })
  return a
}

export async function createItem(deps: Deps, merchantId: string, input: ItemCreate): Promise<ItemRow> {
  const row: ItemRow = {
    id: newRId('item'),
    merchant_id: merchantId,
    active: 1,
    name: checkName(input.name),
    description: input.description ?? null,
    amount: checkAmount(input.amount),
    currency: checkCurrency(input.currency ?? 'INR'),
    unit: input.unit ?? null,
    tax_inclusive: flag(input.tax_inclusive, 'tax_inclusive', false) ? 1 : 0,
    hsn_code: input.hsn_code ?? null,
    sac_code: input.sac_code ?? null,
    tax_rate: input.tax_rate ?? null,
    created_at: deps.clock.now(merchantId),
    deleted_at: null,
  }
  await deps.store.write((tx) => invoiceStore.insertItem(tx, row))
  return row
}

export async function getItem(db: Db, merchantId: string, id: string): Promise<ItemRow> {
  if (!isRIdOf('item', id)) throw errors.invalidId(id)
  const i = await invoiceStore.findItem(db, merchantId, id)
  if (!i) throw errors.notFound()
  return i
}

export function listItems(deps: Deps, merchantId: string, q: Record<string, unknown>): Promise<ItemRow[]> {
  const active = q.active === undefined || q.active === '' ? undefined : flag(q.active, 'active', true)
  return invoiceStore.listItems(deps.store.db, merchantId, parsePage(q), active)
}

export async function editItem(deps: Deps, merchantId: string, id: string, input: ItemEdit): Promise<ItemRow> {
  const changes: Partial<ItemRow> = {}
  if (input.name !== undefined) changes.name = checkName(input.name)
  if (input.description !== undefined) changes.description = input.description
  if (input.amount !== undefined) changes.amount = checkAmount(input.amount)
  if (input.currency !== undefined) changes.currency = checkCurrency(input.currency)
  if (input.active !== undefined) changes.active = flag(input.active, 'active', true) ? 1 : 0
  if (input.unit !== undefined) changes.unit = input.unit
  if (input.tax_inclusive !== undefined) changes.tax_inclusive = flag(input.tax_inclusive, 'tax_inclusive', false) ? 1 : 0
  if (input.hsn_code !== undefined) changes.hsn_code = input.hsn_code
  if (input.sac_code !== undefined) changes.sac_code = input.sac_code
  if (input.tax_rate !== undefined) changes.tax_rate = input.tax_rate
  return deps.store.write(async (tx) => {
    const i = await getItem(tx, merchantId, id)
    if (Object.keys(changes).length > 0) await invoiceStore.updateItem(tx, i.id, changes)
    return { ...i, ...changes }
  })
}

export async function deleteItem(deps: Deps, merchantId: string, id: string): Promise<never[]> {
  const now = deps.clock.now(merchantId)
  await deps.store.write(async (tx) => {
    const i = await getItem(tx, merchantId, id)
    await invoiceStore.updateItem(tx, i.id, { deleted_at: now })
  })
  return []
}
