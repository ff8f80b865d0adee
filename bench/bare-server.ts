/**
 * The bare reference server: Fastify 5 with logging off, answering the same routes the benchmark
 * drives with Razorpay-shaped JSON bodies of similar size — but no auth, no validation, no database.
 * Every Tijori number is reported as a ratio to this server measured in the same run, because this
 * machine's absolute throughput varies a lot (shared/spec/performance.md §0).
 *
 *   node --import tsx bench/bare-server.ts     (HOST, PORT; prints "bare listening on <url>")
 */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
let n = 0
const nextId = (prefix: string) => `${prefix}_${(0x100000000000 + ++n).toString(36).padStart(14, '0').slice(-14)}`
const now = () => Math.floor(Date.now() / 1000)

type Body = Record<string, unknown> | undefined

function order(id: string, b: Body) {
  const amount = typeof b?.amount === 'number' ? b.amount : 50000
  return {
    id,
    entity: 'order',
    amount,
    amount_paid: 0,
    amount_due: amount,
    currency: b?.currency ?? 'INR',
    receipt: b?.receipt ?? null,
    offer_id: null,
    status: 'created',
    attempts: 0,
    notes: b?.notes ?? [],
    created_at: now(),
  }
}

function payment(id: string, amount: number) {
  return {
    id,
    entity: 'payment',
    amount,
    currency: 'INR',
    status: 'captured',
    order_id: 'order_0000000000000a',
    invoice_id: null,
    international: false,
    method: 'card',
    amount_refunded: 0,
    refund_status: null,
    captured: true,
    description: null,
    card_id: 'card_0000000000000a',
    bank: null,
    wallet: null,
    vpa: null,
    email: 'bench@example.com',
    contact: '+919999999999',
    notes: [],
    fee: 1180,
    tax: 180,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    acquirer_data: { auth_code: '123456' },
    created_at: now(),
  }
}

function payout(id: string, b: Body) {
  return {
    id,
    entity: 'payout',
    fund_account_id: b?.fund_account_id ?? 'fa_0000000000000a',
    amount: typeof b?.amount === 'number' ? b.amount : 100,
    currency: b?.currency ?? 'INR',
    notes: [],
    fees: 590,
    tax: 90,
    status: 'processing',
    purpose: b?.purpose ?? 'payout',
    utr: null,
    mode: b?.mode ?? 'IMPS',
    reference_id: null,
    narration: 'Test Merchant',
    debit_account_number: b?.account_number ?? '7878780080316316',
    batch_id: null,
    failure_reason: null,
    status_details: {
      description: 'Payout is being processed by the partner bank. Please check the final status after 24 Nov 2026, 12:45 AM.',
      source: 'gateway',
      reason: 'payout_bank_processing',
    },
    created_at: now(),
    fee_type: '',
  }
}

app.get('/health', async () => ({ status: 'ok' }))
app.post('/v1/orders', async (req) => order(nextId('order'), req.body as Body))
app.get('/v1/orders/:id', async (req) => order((req.params as { id: string }).id, undefined))
app.post('/v1/payments/create/json', async (req) => {
  const id = nextId('pay')
  const origin = `http://${req.host}`
  return {
    razorpay_payment_id: id,
    next: [
      { action: 'otp_submit', url: `${origin}/v1/payments/${id}/otp/submit` },
      { action: 'redirect', url: `${origin}/v1/payments/${id}/authenticate` },
    ],
  }
})
app.post('/v1/payments/:id/otp/submit', async (req) => ({
  razorpay_payment_id: (req.params as { id: string }).id,
  razorpay_order_id: 'order_0000000000000a',
  razorpay_signature: '9ef4dffbfd84f1318f6739a3ce19f9d85851857ae648f114332d8401e0949a3d',
}))
app.post('/v1/payments/:id/capture', async (req) => payment((req.params as { id: string }).id, Number((req.body as Body)?.amount ?? 50000)))
app.post('/v1/payouts', async (req) => payout(nextId('pout'), req.body as Body))
app.get('/v1/payments/:id', async (req) => payment((req.params as { id: string }).id, 50000))

const host = process.env.HOST || '127.0.0.1'
await app.listen({ host, port: Number(process.env.PORT ?? 0) })
const addr = app.server.address()
console.log(`bare listening on http://${host}:${typeof addr === 'object' && addr ? addr.port : 0}`)
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => void app.close().then(() => process.exit(0)))
