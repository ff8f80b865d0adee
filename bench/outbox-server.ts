/**
 * A bench-only Tijori server for issue 8's target: "create-order with an outbox event in the same
 * transaction ≥ 0.8 × create-order without". Razorpay sends no event when an order is created, so
 * the real server never writes one there; this entry builds the real app and store the way
 * `tijori serve` does (src/server.ts) and, with BENCH_ORDER_EVENTS=1, makes every order insert also
 * record an `order.created` event in the same transaction (the outbox: the event row, plus its
 * fan-out row on PostgreSQL; the delivery rows are written later by the dispatcher,
 * src/webhooks/fanout.ts).
 * With BENCH_ORDER_EVENTS=0 nothing is changed, so the two differ only by the event.
 *
 *   node --import tsx bench/outbox-server.ts
 *   (HOST, PORT, TIJORI_DB, TIJORI_KEY_ID/TIJORI_KEY_SECRET, LOG_LEVEL, BENCH_ORDER_EVENTS=0|1,
 *    BENCH_RUNNER=0|1; prints "outbox-server listening on <url>")
 *
 * BENCH_RUNNER=0 leaves the job runner stopped, so no event is fanned out or delivered: that
 * separates the cost of the request's transaction from the cost of fanning out and sending.
 *
 * It runs under tsx, not bin/tijori.mjs's esbuild build: compare its two modes with each other,
 * not with `serve`'s numbers.
 */
import { buildApp } from '../src/app.js'
import { systemClock } from '../src/clock/clock.js'
import { ensureMerchantWithKey } from '../src/domain/merchants/service.js'
import { orderToWire } from '../src/domain/orders/entity.js'
import { orderStore } from '../src/domain/orders/store.js'
import { createLogger } from '../src/log.js'
import { openStore } from '../src/store/open.js'
import type { Db, OrderRow } from '../src/store/schema.js'
import { recordEvent } from '../src/webhooks/outbox.js'

/**
 * Every order insert (createOrder's, inside its transaction) also records an order.created event,
 * as a service that announced orders would right after inserting the row. The store's insert is
 * replaced rather than the transaction wrapped, so the "with" server pays for the event and nothing
 * else (an earlier version proxied every transaction, which cost more than the event's SQL).
 */
function recordOrderEvents(): void {
  const insert = orderStore.insert
  orderStore.insert = async (tx: Db, row: OrderRow) => {
    const r = await insert(tx, row)
    await recordEvent(tx, row.merchant_id, 'order.created', { order: { entity: orderToWire(row) } }, row.created_at)
    return r
  }
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
if (events) recordOrderEvents()
const { app, deps } = buildApp({ store: base, log })
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
