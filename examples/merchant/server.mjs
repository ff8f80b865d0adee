/**
 * A sample merchant server for Tijori: the same code you would write for Razorpay. Its pages load
 * checkout.js from Tijori instead of checkout.razorpay.com, and its server talks to Tijori through
 * the official `razorpay` SDK with the base URL changed. Nothing else differs.
 *
 *   GET  /            custom checkout: the page creates an order here, opens new Razorpay(options)
 *   POST /api/orders  creates an order with the SDK ({ amount } in paise)
 *   POST /api/verify  checks razorpay_signature with validatePaymentVerification, captures, reports
 *   GET  /form        automatic checkout: <script data-key data-amount data-order_id> in a <form>
 *   POST /purchase    the form's action: the same verification, as an HTML page
 *   POST /webhook     Tijori's webhooks: X-Razorpay-Signature checked on the raw body, then recorded
 *   GET  /events      the verified webhook events received so far (?payment_id= to filter)
 *
 * At startup it registers its own /webhook with Tijori (rzp.webhooks.create, or edit when a webhook
 * with that URL exists already), signed with WEBHOOK_SECRET (a random one when unset). WEBHOOK_URL
 * overrides the address Tijori posts to (default: this server's own address).
 *
 * Run it against a Tijori server (npm start prints a key pair):
 *   TIJORI_URL=http://127.0.0.1:8080 TIJORI_KEY_ID=rzp_test_… TIJORI_KEY_SECRET=… node examples/merchant/server.mjs
 * Listens on HOST (127.0.0.1) : PORT (3000; 0 picks a free port) and prints its URL.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import Razorpay from 'razorpay'
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js'

const { validatePaymentVerification } = razorpayUtils

const TIJORI_URL = (process.env.TIJORI_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
const KEY_ID = process.env.TIJORI_KEY_ID
const KEY_SECRET = process.env.TIJORI_KEY_SECRET
if (!KEY_ID || !KEY_SECRET) {
  console.error('Set TIJORI_KEY_ID and TIJORI_KEY_SECRET (the key pair Tijori printed on its first start).')
  process.exit(1)
}

// The only Tijori-specific line on the server: point the SDK at Tijori (origin only; the SDK adds /v1).
const razorpay = new Razorpay({ key_id: KEY_ID, key_secret: KEY_SECRET })
razorpay.api.rq.defaults.baseURL = TIJORI_URL
razorpay.api.rq.defaults.proxy = false // talk to Tijori directly even when HTTP(S)_PROXY is set

/** Orders this server created: verify against *our* order id, never one echoed by the browser. */
const orders = new Map()

const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET || randomBytes(16).toString('hex')
const WEBHOOK_EVENTS = ['payment.authorized', 'payment.captured', 'payment.failed', 'order.paid']
/** Verified webhook events, by X-Razorpay-Event-Id: delivery is at-least-once, so duplicates are dropped. */
const events = new Map()

const page = (name) => readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8')
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
const fill = (html, values) => html.replace(/\{\{(\w+)\}\}/g, (_m, k) => esc(values[k] ?? ''))

async function createOrder(amount) {
  const order = await razorpay.orders.create({ amount, currency: 'INR', receipt: `rcpt_${Date.now()}`, notes: { source: 'tijori example' } })
  orders.set(order.id, order)
  return order
}

/** Signature check, then capture if the order did not auto-capture, then the order's state. */
async function verifyAndCapture(fields) {
  const order = orders.get(fields.razorpay_order_id)
  if (!order) return { verified: false, reason: 'unknown order' }
  const verified = validatePaymentVerification(
    { order_id: order.id, payment_id: fields.razorpay_payment_id },
    fields.razorpay_signature,
    KEY_SECRET,
  )
  if (!verified) return { verified: false, reason: 'signature mismatch' }
  let payment = await razorpay.payments.fetch(fields.razorpay_payment_id)
  if (payment.status === 'authorized') payment = await razorpay.payments.capture(payment.id, payment.amount, payment.currency)
  const after = await razorpay.orders.fetch(order.id)
  return {
    verified: true,
    payment: { id: payment.id, status: payment.status, method: payment.method, amount: payment.amount },
    order: { id: after.id, status: after.status, amount_paid: after.amount_paid, amount_due: after.amount_due },
  }
}

/** The body as sent (bytes joined before decoding, so a character split across chunks survives). */
async function readRaw(req) {
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    chunks.push(chunk)
    if ((size += chunk.length) > 100_000) throw new Error('body too large')
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function readBody(req) {
  const raw = await readRaw(req)
  if ((req.headers['content-type'] || '').startsWith('application/json')) return raw ? JSON.parse(raw) : {}
  return Object.fromEntries(new URLSearchParams(raw))
}

/**
 * A webhook delivery: the signature is an HMAC of the body exactly as sent, so check it on the raw
 * text before parsing (a re-serialised JSON.parse result would not match). A 2xx tells Tijori it
 * arrived; anything else is retried.
 */
async function receiveWebhook(req) {
  const raw = await readRaw(req)
  const signature = req.headers['x-razorpay-signature']
  if (!signature || !Razorpay.validateWebhookSignature(raw, signature, WEBHOOK_SECRET)) {
    console.error('webhook refused: bad or missing X-Razorpay-Signature')
    return { status: 400, body: { error: 'invalid signature' } }
  }
  const event = JSON.parse(raw)
  const id = req.headers['x-razorpay-event-id'] || `${event.event}:${event.created_at}`
  if (!events.has(id)) {
    const payment = event.payload.payment?.entity
    events.set(id, { id, event: event.event, payment_id: payment?.id ?? null, order_id: event.payload.order?.entity.id ?? payment?.order_id ?? null, created_at: event.created_at })
    console.log(`webhook ${event.event} ${payment?.id ?? ''}`)
  }
  return { status: 200, body: { status: 'ok' } }
}

/** Points a webhook of this merchant at our /webhook: edits the one with this URL, or creates it. */
async function registerWebhook(url) {
  const params = { url, secret: WEBHOOK_SECRET, events: WEBHOOK_EVENTS, active: true }
  const { items } = await razorpay.webhooks.all({ count: 100 })
  const existing = items.find((w) => w.url === url)
  return existing ? razorpay.webhooks.edit(params, existing.id) : razorpay.webhooks.create(params)
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}
const json = (res, status, body) => send(res, status, 'application/json', JSON.stringify(body))
const html = (res, body) => send(res, 200, 'text/html; charset=utf-8', body)

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost')
  const key = `${req.method} ${url.pathname}`
  const common = { TIJORI_URL, KEY_ID }
  switch (key) {
    case 'GET /':
      return html(res, fill(page('index.html'), common))
    case 'GET /app.js':
      return send(res, 200, 'text/javascript; charset=utf-8', page('app.js'))
    case 'GET /logo.svg':
      return send(res, 200, 'image/svg+xml', page('logo.svg'))
    case 'POST /api/orders': {
      const { amount } = await readBody(req)
      const order = await createOrder(Number(amount) || 50000)
      return json(res, 200, { id: order.id, amount: order.amount, currency: order.currency })
    }
    case 'POST /api/verify':
      return json(res, 200, await verifyAndCapture(await readBody(req)))
    case 'GET /form': {
      const order = await createOrder(Number(url.searchParams.get('amount')) || 50000)
      return html(res, fill(page('form.html'), { ...common, ORDER_ID: order.id, AMOUNT: String(order.amount) }))
    }
    case 'POST /purchase': {
      const fields = await readBody(req)
      const result = await verifyAndCapture(fields)
      return html(res, fill(page('purchase.html'), { FIELDS: JSON.stringify(fields, null, 2), RESULT: JSON.stringify(result, null, 2) }))
    }
    case 'POST /webhook': {
      const { status, body } = await receiveWebhook(req)
      return json(res, status, body)
    }
    case 'GET /events': {
      const paymentId = url.searchParams.get('payment_id')
      return json(res, 200, [...events.values()].filter((e) => !paymentId || e.payment_id === paymentId))
    }
    case 'GET /health':
      return json(res, 200, { status: 'ok' })
    default:
      return send(res, 404, 'text/plain', 'Not found')
  }
}

const server = createServer((req, res) => {
  route(req, res).catch((err) => {
    // The SDK rejects with { statusCode, error } for API errors.
    console.error(err)
    json(res, err?.statusCode ?? 500, { error: err?.error ?? { description: String(err?.message ?? err) } })
  })
})

const host = process.env.HOST || '127.0.0.1'
server.listen(Number(process.env.PORT ?? 3000), host, async () => {
  const { port } = server.address()
  const webhookUrl = process.env.WEBHOOK_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/webhook`
  try {
    const hook = await registerWebhook(webhookUrl)
    console.log(`Webhook ${hook.id} → ${webhookUrl} (${WEBHOOK_EVENTS.join(', ')})`)
  } catch (err) {
    // The shop still works without webhooks; say why they will not arrive.
    console.error(`Could not register the webhook at ${TIJORI_URL}:`, err?.error?.description ?? err)
  }
  console.log(`Merchant example listening on http://${host}:${port} (Tijori: ${TIJORI_URL})`)
})
for (const sig of ['SIGTERM', 'SIGINT'])
  process.on(sig, () => {
    server.close(() => process.exit(0))
    server.closeIdleConnections() // browsers keep connections open; don't wait for them
    setTimeout(() => process.exit(0), 1000).unref()
  })
