/**
 * Hosted checkout (POST /v1/checkout/embedded): the merchant's page posts the checkout options as
 * form fields (RT: web-integration/hosted/integration-steps.md 1.2.2) and the customer pays on a
 * full Tijori page — the same page as the modal. This turns the posted body into the options the
 * page understands. Unknown fields are ignored; values must be strings (or nested objects of them).
 */

export interface HostedOptions {
  key: string
  amount?: number
  currency?: string
  order_id?: string
  name?: string
  description?: string
  image?: string
  prefill: Record<string, string>
  notes: Record<string, string>
  theme: Record<string, string>
  callback_url?: string
  cancel_url?: string
  /** Issue 5: an invoice or registration link (GET /i/:id posts these), and recurring authorisation. */
  invoice_id?: string
  customer_id?: string
  recurring?: boolean
}

const TEXT_FIELDS = ['currency', 'order_id', 'name', 'description', 'image', 'callback_url', 'cancel_url', 'invoice_id', 'customer_id'] as const
const PREFILL = ['name', 'email', 'contact', 'method'] as const

function strings(v: unknown, allow?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return out
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (allow && !allow.includes(k)) continue
    if (typeof val === 'string' || typeof val === 'number') out[k] = String(val)
  }
  return out
}

export function hostedOptions(body: unknown): HostedOptions {
  const b = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const opts: HostedOptions = {
    key: typeof b.key_id === 'string' ? b.key_id : '',
    prefill: strings(b.prefill, PREFILL),
    notes: strings(b.notes),
    theme: strings(b.theme, ['color']),
  }
  for (const f of TEXT_FIELDS) if (typeof b[f] === 'string' && b[f] !== '') opts[f] = b[f] as string
  const amount = typeof b.amount === 'string' || typeof b.amount === 'number' ? Number(b.amount) : NaN
  if (Number.isSafeInteger(amount) && amount > 0) opts.amount = amount
  // `method` preselects a payment method, as prefill.method does on the modal.
  if (typeof b.method === 'string' && !opts.prefill.method) opts.prefill.method = b.method
  // Checkout's `recurring` option: true, "1" or "preferred" (RT: recurring cards, checkout options).
  if (b.recurring === true || b.recurring === 'true' || b.recurring === '1' || b.recurring === 1 || b.recurring === 'preferred') opts.recurring = true
  return opts
}
