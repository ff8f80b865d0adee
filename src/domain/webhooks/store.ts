/** Queries for webhook endpoints. Every finder is merchant-scoped. */
import type { Page } from '../../http/pagination.js'
import { preparedFindByMerchantAndId } from '../../store/prepared-query.js'
import type { Db, WebhookRow } from '../../store/schema.js'

export type WebhookPatch = Partial<Pick<WebhookRow, 'url' | 'secret' | 'events' | 'active' | 'alert_email' | 'chaos' | 'disabled_at' | 'updated_at'>>

export const webhookStore = {
  insert: (db: Db, row: WebhookRow) => db.insertInto('webhooks').values(row).execute(),

  findByMerchantIdAndId: preparedFindByMerchantAndId('webhooks'),

  list(db: Db, merchantId: string | null, page: Page) {
    let q = db.selectFrom('webhooks').selectAll()
    if (merchantId !== null) q = q.where('merchant_id', '=', merchantId)
    if (page.from !== null) q = q.where('created_at', '>=', page.from)
    if (page.to !== null) q = q.where('created_at', '<=', page.to)
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.count).offset(page.skip).execute()
  },

  async countByMerchantId(db: Db, merchantId: string): Promise<number> {
    const r = await db
      .selectFrom('webhooks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('merchant_id', '=', merchantId)
      .executeTakeFirstOrThrow()
    return Number(r.n)
  },

  update: (db: Db, merchantId: string, id: string, patch: WebhookPatch) =>
    db.updateTable('webhooks').set(patch).where('id', '=', id).where('merchant_id', '=', merchantId).execute(),

  delete: (db: Db, merchantId: string, id: string) =>
    db.deleteFrom('webhooks').where('id', '=', id).where('merchant_id', '=', merchantId).execute(),

  /** Active endpoints of a merchant (redelivery picks the subscribed ones). */
  listActive: (db: Db, merchantId: string) =>
    db.selectFrom('webhooks').selectAll().where('merchant_id', '=', merchantId).where('active', '=', 1).orderBy('id').execute(),

  /** Disables an endpoint that kept failing (only if still active: a re-enable in between wins). */
  disable: (db: Db, id: string, at: number) =>
    db.updateTable('webhooks').set({ active: 0, disabled_at: at, updated_at: at }).where('id', '=', id).where('active', '=', 1).executeTakeFirst(),
}

/** For the CLI (an operator on the database, not a merchant): which merchant owns a webhook id. */
export async function webhookOwner(db: Db, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('webhooks').select('merchant_id').where('id', '=', id).executeTakeFirst()
  return r?.merchant_id
}
