/**
 * SQLite's plan for a page of the delivery log: it walks webhook_deliveries_merchant_created
 * (migration 0011) instead of sorting all of the merchant's deliveries for every page (a load audit
 * measured ~1 s a page at 115,000 deliveries).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../src/store/sqlite/open.js'
import type { Store } from '../../src/store/store.js'
import { deliveryLogQuery } from '../../src/webhooks/deliveries.js'

let dir: string
let store: Store
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tijori-plan-'))
  store = openSqlite({ file: join(dir, 't.db'), checkpoints: 'sqlite' })
})
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('delivery log query plan (SQLite)', () => {
  it.each([
    ['no filter', {}],
    ['by status', { status: 'delivered' }],
    ['by webhook', { webhook_id: '8EB0QJn2mblmuZ' }],
  ])('%s: walks the merchant/created index, no temporary sort', (_name, filter) => {
    const page = { count: 100, skip: 1000, from: null, to: null }
    const q = deliveryLogQuery(store.db, 'acc_00000000000001', filter, page).compile()
    const raw = new BetterSqlite3(join(dir, 't.db'), { readonly: true })
    try {
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail)
      expect(plan.join('\n')).toContain('USING INDEX webhook_deliveries_merchant_created')
      expect(plan.join('\n')).not.toContain('TEMP B-TREE')
    } finally {
      raw.close()
    }
  })
})
