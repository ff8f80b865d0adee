/**
 * Migration 0010 on a SQLite database written before it (src/store/migrations/sqlite/0010_*): the
 * events keep their content and order, events that were already fanned out stay fanned out, and
 * events still waiting in event_fanouts are fanned out once, as are the events written after it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import { fanOut, pendingEventIds } from '../../src/webhooks/fanout.js'
import { recordEvent } from '../../src/webhooks/outbox.js'
import { webhookRow } from '../webhooks/webhook-row.js'

const DIR = new URL('../../src/store/migrations/sqlite/', import.meta.url)
const dirs: string[] = []
let store: Store | undefined

afterEach(async () => {
  await store?.close()
  store = undefined
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A database file migrated up to, and including, `last`, as migrateSqlite would have left it. */
function databaseAt(last: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tijori-migration-'))
  dirs.push(dir)
  const file = join(dir, 'tijori.db')
  const raw = new BetterSqlite3(file)
  raw.pragma('journal_mode = WAL')
  raw.exec('CREATE TABLE _migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)')
  for (const f of readdirSync(DIR).filter((n) => /^\d{4}_.+\.sql$/.test(n)).sort()) {
    if (f > last) break
    raw.exec(readFileSync(new URL(f, DIR), 'utf8'))
    raw.prepare('INSERT INTO _migrations (version, applied_at) VALUES (?, 0)').run(f)
  }
  const event = raw.prepare('INSERT INTO events (id, merchant_id, event, contains, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  // Out of id order on purpose: the migration numbers events by id, their time order.
  event.run('evt_00000000000002', 'acc_a', 'payment.captured', '["payment"]', '{"payment":{"entity":{"id":"pay_2"}}}', 20)
  event.run('evt_00000000000001', 'acc_a', 'payment.authorized', '["payment"]', '{"payment":{"entity":{"id":"pay_1"}}}', 10)
  raw.prepare('INSERT INTO event_fanouts (event_id, merchant_id) VALUES (?, ?)').run('evt_00000000000002', 'acc_a')
  raw
    .prepare(`INSERT INTO webhooks (id, merchant_id, owner_id, url, secret, events, active, alert_email, chaos, disabled_at, created_at, updated_at)
              VALUES ('wh_a', 'acc_a', 'acc_a', 'http://127.0.0.1:9/', 'whsec', '["*"]', 1, NULL, NULL, NULL, 1, 1)`)
    .run()
  raw.close()
  return file
}

describe('SQLite migration 0010 (fan-out cursor)', () => {
  it('keeps every event, fans out only those still pending, and then every new one once', async () => {
    const file = databaseAt('0009_event_fanout.sql')
    store = await openStore(file)
    const s = store
    const events = await s.db.selectFrom('events').select(['seq', 'id', 'merchant_id', 'event', 'contains', 'payload', 'created_at']).orderBy('seq').execute()
    expect(events).toEqual([
      { seq: 1, id: 'evt_00000000000001', merchant_id: 'acc_a', event: 'payment.authorized', contains: '["payment"]', payload: '{"payment":{"entity":{"id":"pay_1"}}}', created_at: 10 },
      { seq: 2, id: 'evt_00000000000002', merchant_id: 'acc_a', event: 'payment.captured', contains: '["payment"]', payload: '{"payment":{"entity":{"id":"pay_2"}}}', created_at: 20 },
    ])
    // The already fanned-out event stays behind the cursor; the one with a row is pending.
    expect(await pendingEventIds(s.db)).toEqual(['evt_00000000000002'])

    // wh_a subscribes to every event, so the event is written.
    const next = (await s.write((tx) => recordEvent(tx, 'acc_a', 'refund.created', { refund: { entity: { id: 'rfnd_1' } } }, 30))) ?? 'not written'
    expect(await s.db.selectFrom('event_fanouts').selectAll().execute()).toHaveLength(1) // no row for the new event
    expect(await pendingEventIds(s.db)).toEqual(['evt_00000000000002', next])
    expect(await s.write((tx) => fanOut(tx, { merchantId: 'acc_a' }))).toBe(2)
    expect(await s.write((tx) => fanOut(tx, {}))).toBe(0)
    const delivered = await s.db.selectFrom('webhook_deliveries').select(['event_id', 'next_attempt_at']).orderBy('event_id').execute()
    expect(delivered).toEqual([
      { event_id: 'evt_00000000000002', next_attempt_at: 20 },
      { event_id: next, next_attempt_at: 30 },
    ].sort((a, b) => (a.event_id < b.event_id ? -1 : 1)))
    expect(await s.db.selectFrom('event_fanouts').selectAll().execute()).toEqual([])
    // The unique index on id still refuses a second event with the same id.
    await expect(
      s.write((tx) => tx.insertInto('events').values({ id: next, merchant_id: 'acc_a', event: 'x', contains: '[]', payload: '{}', created_at: 1 }).execute()),
    ).rejects.toThrow(/UNIQUE/)
  })

  it('a database with no events starts the cursor at zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tijori-migration-'))
    dirs.push(dir)
    store = await openStore(join(dir, 'fresh.db'))
    expect(await store.db.selectFrom('event_fanout_cursor').selectAll().execute()).toEqual([{ one: 1, seq: 0 }])
    // An endpoint subscribed to the event, or it would not be written at all.
    await store.write((tx) =>
      tx
        .insertInto('webhooks')
        .values(webhookRow('wh_a', 'acc_a', ['order.paid']))
        .execute(),
    )
    const id = await store.write((tx) => recordEvent(tx, 'acc_a', 'order.paid', { order: { entity: { id: 'order_1' } } }, 1))
    expect(id).not.toBeNull()
    expect(await pendingEventIds(store.db)).toEqual([id])
  })
})
