/**
 * Bulk-loads orders straight into a Tijori SQLite file (the server must not be running), for the
 * large-store scenario. Rows have the schema of src/store/migrations/sqlite/0001_init.sql and ids in
 * the time-ordered format of src/shared/ids.ts (9 base62 chars of ms×1000+seq, then 5 random), with
 * created_at going back one second per order from now, so the loaded orders sort before the
 * benchmark's new ones exactly as old orders would. A third of the orders are `paid`, each with one
 * captured netbanking payment, and a third `attempted`, each with one failed payment (so the store
 * also holds ~2/3 million payments of the same merchant). No events, ledger entries or cards are
 * written for them.
 *
 *   node --import tsx bench/load-orders.ts --db <file> --merchant <acc_id> --count 1000000 [--sample-out <file> --sample 10000] [--no-payments]
 *
 * Prints one JSON line at the end: {"rows", "payments", "seconds", "insertSeconds", "checkpointSeconds", "fileMiB"}.
 * The sample file gets `--sample` ids chosen uniformly at random among the loaded rows.
 */
import { randomBytes } from 'node:crypto'
import { statSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { isIdOf } from '../src/shared/ids.js'
import { paymentFee } from '../src/shared/money.js'

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    merchant: { type: 'string' },
    count: { type: 'string', default: '1000000' },
    sample: { type: 'string', default: '10000' },
    'sample-out': { type: 'string' },
    batch: { type: 'string', default: '50000' },
    'no-payments': { type: 'boolean', default: false },
  },
})
if (!values.db || !values.merchant) {
  console.error('usage: load-orders.ts --db <file> --merchant <acc_id> [--count N] [--sample-out <file>] [--sample K]')
  process.exit(2)
}
const count = Number(values.count)
const batch = Number(values.batch)
const sampleSize = Math.min(Number(values.sample), count)
const withPayments = !values['no-payments']

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
function encode(n: number, width: number): string {
  let out = ''
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out
}

const t0 = performance.now()
const db = new Database(values.db)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = OFF') // a bulk load that is simply redone if it fails
db.pragma('cache_size = -262144')
const merchant = db.prepare('SELECT id FROM merchants WHERE id = ?').get(values.merchant)
if (!merchant) throw new Error(`no merchant ${values.merchant} in ${values.db}`)

const insert = db.prepare(
  `INSERT INTO orders (id, merchant_id, amount, amount_paid, currency, receipt, offer_id, status, attempts,
     partial_payment, first_payment_min_amount, payment_capture, capture_options, method, notes, created_at)
   VALUES (?, ?, ?, ?, 'INR', ?, NULL, ?, ?, 0, NULL, NULL, NULL, NULL, ?, ?)`,
)

const insertPayment = db.prepare(
  `INSERT INTO payments (id, merchant_id, order_id, invoice_id, amount, currency, status, method, international,
     amount_refunded, refund_status, captured, description, card_id, bank, wallet, vpa, email, contact, customer_id,
     token_id, notes, fee, tax, error_code, error_description, error_source, error_step, error_reason, acquirer_data,
     upi, scenario, auth_step, otp_attempts, created_at, authorized_at, captured_at)
   VALUES (?, ?, ?, NULL, ?, 'INR', ?, 'netbanking', 0, 0, NULL, ?, NULL, NULL, 'HDFC', NULL, NULL,
     'bulk@example.com', '+919876543210', NULL, NULL, '[]', ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'bank_page', NULL, 0, ?, ?, ?)`,
)
let payments = 0

// Choose the sample indexes up front (uniform without replacement).
const sampleIdx = new Set<number>()
while (sampleIdx.size < sampleSize) sampleIdx.add(Math.floor(Math.random() * count))
const sample: string[] = []

const startSec = Math.floor(Date.now() / 1000) - count - 60
const notes = JSON.stringify({ customer: 'Bulk Loaded', purpose: 'large-store benchmark' })
const loadBatch = db.transaction((from: number, to: number) => {
  const rnd = randomBytes((to - from) * 10)
  const suffix = (i: number, k: number) => {
    let out = ''
    for (let j = 0; j < 5; j++) out += ALPHABET[rnd[(i - from) * 10 + k * 5 + j] % 62]
    return out
  }
  for (let i = from; i < to; i++) {
    const sec = startSec + i
    const id = `order_${encode(sec * 1000 * 1000, 9)}${suffix(i, 0)}`
    const amount = 100 + ((i * 7919) % 500_000)
    const paid = i % 3 === 0
    const attempted = i % 3 === 1
    insert.run(id, values.merchant, amount, paid ? amount : 0, `rcpt_${i}`, paid ? 'paid' : attempted ? 'attempted' : 'created', paid || attempted ? 1 : 0, notes, sec)
    if (withPayments && (paid || attempted)) {
      const payId = `pay_${encode(sec * 1000 * 1000 + 1, 9)}${suffix(i, 1)}`
      const { fee, tax } = paymentFee(amount, { method: 'netbanking', international: false })
      const acquirer = JSON.stringify({ bank_transaction_id: String(1_000_000_000 + i) })
      if (paid) insertPayment.run(payId, values.merchant, id, amount, 'captured', 1, fee, tax, null, null, null, null, null, acquirer, sec, sec, sec)
      else
        insertPayment.run(payId, values.merchant, id, amount, 'failed', 0, null, null, 'BAD_REQUEST_ERROR', 'Payment failed', 'customer', 'payment_authentication', 'payment_failed', '{}', sec, null, null)
      payments++
    }
    if (sampleIdx.has(i)) sample.push(id)
  }
})
for (let from = 0; from < count; from += batch) {
  loadBatch(from, Math.min(count, from + batch))
  if ((from / batch) % 4 === 3) process.stderr.write(`  loaded ${Math.min(count, from + batch).toLocaleString('en')} orders, ${payments.toLocaleString('en')} payments\n`)
}
const tInsert = performance.now()
db.pragma('wal_checkpoint(TRUNCATE)')
db.close()
const tEnd = performance.now()

if (sample.length && !isIdOf('order', sample[0])) throw new Error(`generated id ${sample[0]} is not a valid order id`)
for (let i = sample.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1))
  ;[sample[i], sample[j]] = [sample[j], sample[i]]
}
if (values['sample-out']) writeFileSync(values['sample-out'], JSON.stringify(sample))
console.log(
  JSON.stringify({
    rows: count,
    payments,
    seconds: +((tEnd - t0) / 1000).toFixed(2),
    insertSeconds: +((tInsert - t0) / 1000).toFixed(2),
    checkpointSeconds: +((tEnd - tInsert) / 1000).toFixed(2),
    fileMiB: +(statSync(values.db).size / 1048576).toFixed(1),
  }),
)
