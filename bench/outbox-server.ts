/**
 * A bench-only Tijori server for issue 8's target: "create-order with an outbox event in the same
 * transaction ≥ 0.8 × create-order without". Razorpay sends no event when an order is created, so
 * the real server never writes one there; this entry builds the real app and store the way
 * `tijori serve` does (src/server.ts) and, with BENCH_ORDER_EVENTS=1, wraps the store so that every
 * transaction that inserts an order also records an `order.created` event (and, through the
 * outbox, one delivery row per subscribed webhook) before it commits. With BENCH_ORDER_EVENTS=0 the
 * store is not wrapped at all, so the two differ only by the event.
 *
 *   node --import tsx bench/outbox-server.ts
 *   (HOST, PORT, TIJORI_DB, TIJORI_KEY_ID/TIJORI_KEY_SECRET, LOG_LEVEL, BENCH_ORDER_EVENTS=0|1,
 *    BENCH_RUNNER=0|1; prints "outbox-server listening on <url>")
 *
 * BENCH_RUNNER=0 leaves the job runner stopped, so no webhook is delivered: that separates the cost
 * of writing the event and delivery rows from the cost of sending the deliveries.
 *
 * It runs under tsx, not bin/tijori.mjs's esbuild build: compare its two modes with each other,
 * not with `serve`'s numbers.
 */
import { buildApp } from '../src/app.js'
import { systemClock } from '../src/clock/clock.js'
import { ensureMerchantWithKey } from '../src/domain/merchants/service.js'
import { orderToWire } from '../src/domain/orders/entity.js'
import { createLogger } from '../src/log.js'
import { openStore } from '../src/store/open.js'
import type { Db, OrderRow } from '../src/store/schema.js'
import type { Store } from '../src/store/store.js'
import { recordEvent } from '../src/webhooks/outbox.js'

/**
 * `tx` as the domain code sees it, except that the rows given to `insertInto('orders').values()`
 * are collected in `seen`. createOrder's transaction returns nothing (it keeps the row itself), so
 * the wrapper cannot recognise an order by the transaction's result; it sees the insert instead.
 * Kysely's classes keep private fields, so every other method runs bound to the real object.
 */
function watchOrderInserts(tx: Db, seen: OrderRow[]): Db {
  const bound = <T extends object>(target: T, prop: string | symbol) => {
    const v = Reflect.get(target, prop, target) as unknown
    return typeof v === 'function' ? v.bind(target) : v
  }
  return new Proxy(tx, {
    get(target, prop) {
      if (prop !== 'insertInto') return bound(target, prop)
      return (table: string) => {
        const q = target.insertInto(table as 'orders')
        if (table !== 'orders') return q
        return new Proxy(q, {
          get(qt, qp) {
            if (qp !== 'values') return bound(qt, qp)
            return (rows: OrderRow | OrderRow[]) => {
              seen.push(...(Array.isArray(rows) ? rows : [rows]))
              return qt.values(rows)
            }
          },
        })
      }
    },
  })
}

/** The store, with an order.created outbox event recorded in each transaction that creates an order. */
function withOrderEvents(store: Store): Store {
  const wrapped: Store = Object.create(store) as Store
  Object.defineProperty(wrapped, 'write', {
    value: <T>(fn: (tx: Db) => Promise<T>): Promise<T> =>
      store.write(async (tx) => {
        const orders: OrderRow[] = []
        const result = await fn(watchOrderInserts(tx, orders))
        for (const o of orders) await recordEvent(tx, o.merchant_id, 'order.created', { order: { entity: orderToWire(o) } }, o.created_at)
        return result
      }),
  })
  return wrapped
}

const env = process.env
const events = env.BENCH_ORDER_EVENTS === '1'
const runner = env.BENCH_RUNNER !== '0'
const db = env.TIJORI_DB ?? ''
if (!db || !env.TIJORI_KEY_ID || !env.TIJORI_KEY_SECRET) throw new Error('outbox-server needs TIJORI_DB, TIJORI_KEY_ID and TIJORI_KEY_SECRET')

const log = createLogger(env.LOG_LEVEL ?? 'silent')
const base = await openStore(db)
const r = await ensureMerchantWithKey(base, systemClock, { keyId: env.TIJORI_KEY_ID, keySecret: env.TIJORI_KEY_SECRET })
if (r.created) console.log(`Created merchant ${r.merchantId} for key ${env.TIJORI_KEY_ID}`)
const store = events ? withOrderEvents(base) : base
const { app, deps } = buildApp({ store, log })
const host = env.HOST || '127.0.0.1'
await app.listen({ host, port: Number(env.PORT ?? 0) })
if (runner) deps.runner.start() // webhook deliveries (and the other scheduled work), as `serve` runs them
const addr = app.server.address()
console.log(
  `outbox-server listening on http://${host}:${typeof addr === 'object' && addr ? addr.port : 0} (order.created events ${events ? 'on' : 'off'}, deliveries ${runner ? 'sent' : 'not sent'})`,
)

// As src/server.ts: close keep-alive connections as they go idle, so that close() does not wait for them.
let stopping = false
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.once(sig, () => {
    if (stopping) return
    stopping = true
    const sweep = setInterval(() => app.server.closeIdleConnections(), 25)
    void app
      .close()
      .then(() => clearInterval(sweep))
      .then(() => deps.runner.stop())
      .then(() => base.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err)
          process.exit(1)
        },
      )
  })
}
