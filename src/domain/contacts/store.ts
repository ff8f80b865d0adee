/** Queries for contacts. Every finder is merchant-scoped. */
import type { Page } from '../../http/pagination.js'
import type { Db } from '../../store/schema.js'
import { preparedFindByMerchantAndId } from '../../store/prepared-query.js'

export interface ContactRow {
  id: string
  merchant_id: string
  name: string
  contact: string | null
  email: string | null
  type: string | null
  reference_id: string | null
  batch_id: string | null
  active: number
  notes: string
  created_at: number
}

declare module '../../store/schema.js' {
  interface Database {
    contacts: ContactRow
  }
}

export interface ContactFilter {
  name?: string
  email?: string
  contact?: string
  reference_id?: string
  type?: string
  active?: number
}

/** The fields whose full match makes a create return the existing contact. */
export type ContactIdentity = Pick<ContactRow, 'name' | 'email' | 'contact' | 'type' | 'reference_id'>

export type ContactChange =
  | { kind: 'details'; fields: Partial<ContactIdentity> & { notes?: string } }
  | { kind: 'active'; active: boolean }

export const contactStore = {
  insert: (db: Db, row: ContactRow) => db.insertInto('contacts').values(row).execute(),

  findByMerchantIdAndId: preparedFindByMerchantAndId('contacts'),

  /** The oldest contact whose five identity fields all equal these (null matches null). */
  findByMerchantIdAndIdentity(db: Db, merchantId: string, c: ContactIdentity) {
    let q = db.selectFrom('contacts').selectAll().where('merchant_id', '=', merchantId).where('name', '=', c.name)
    for (const k of ['email', 'contact', 'type', 'reference_id'] as const) {
      const v = c[k]
      q = v === null ? q.where(k, 'is', null) : q.where(k, '=', v)
    }
    return q.orderBy('created_at').orderBy('id').limit(1).executeTakeFirst()
  },

  list(db: Db, merchantId: string, page: Page, f: ContactFilter) {
    let q = db.selectFrom('contacts').selectAll().where('merchant_id', '=', merchantId)
    for (const k of ['name', 'email', 'contact', 'reference_id', 'type'] as const) {
      const v = f[k]
      if (v !== undefined) q = q.where(k, '=', v)
    }
    if (f.active !== undefined) q = q.where('active', '=', f.active)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  update(db: Db, id: string, u: ContactChange) {
    const set = u.kind === 'active' ? { active: u.active ? 1 : 0 } : u.fields
    return db.updateTable('contacts').set(set).where('id', '=', id).execute()
  },
}
