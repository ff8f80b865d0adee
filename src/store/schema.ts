/**
 * Row types of every table, as Kysely sees them. Columns mirror the migration files; booleans are
 * INTEGER 0/1 and JSON columns are TEXT in both dialects, so one set of queries serves both adapters.
 */
import type { Generated, Kysely, Transaction } from 'kysely'

export interface MerchantRow { id: string; name: string; email: string | null; created_at: number }
export interface ApiKeyRow { key_id: string; merchant_id: string; secret: string; created_at: number; revoked_at: number | null }

export interface OrderRow {
  id: string
  merchant_id: string
  amount: number
  amount_paid: number
  currency: string
  receipt: string | null
  offer_id: string | null
  status: string
  attempts: number
  partial_payment: number
  first_payment_min_amount: number | null
  payment_capture: number | null
  capture_options: string | null
  method: string | null
  notes: string
  created_at: number
}

export interface CardRow {
  id: string
  merchant_id: string
  name: string
  last4: string
  network: string
  type: string
  issuer: string | null
  international: number
  emi: number
  sub_type: string
  iin: string
  expiry_month: number | null
  expiry_year: number | null
  created_at: number
}

export interface PaymentRow {
  id: string
  merchant_id: string
  order_id: string | null
  invoice_id: string | null
  amount: number
  currency: string
  status: string
  method: string
  international: number
  amount_refunded: number
  refund_status: string | null
  captured: number
  description: string | null
  card_id: string | null
  bank: string | null
  wallet: string | null
  vpa: string | null
  email: string | null
  contact: string | null
  customer_id: string | null
  token_id: string | null
  notes: string
  fee: number | null
  tax: number | null
  error_code: string | null
  error_description: string | null
  error_source: string | null
  error_step: string | null
  error_reason: string | null
  acquirer_data: string
  upi: string | null
  /** JSON {issuer, rate, duration} for EMI (migration 0007); optional so rows of other methods may leave it out. */
  emi?: string | null
  scenario: string
  auth_step: string | null
  otp_attempts: number
  callback_url: string | null
  created_at: number
  authorized_at: number | null
  captured_at: number | null
}

export interface RefundRow {
  id: string
  merchant_id: string
  payment_id: string
  amount: number
  currency: string
  status: string
  speed_requested: string
  speed_processed: string | null
  receipt: string | null
  batch_id: string | null
  notes: string
  acquirer_data: string
  created_at: number
  processed_at: number | null
}

export interface IdempotencyKeyRow {
  merchant_id: string
  scope: string
  key: string
  request_hash: string
  status: string
  resource_id: string | null
  response_status: number | null
  response_body: string | null
  created_at: number
}

export interface EventRow {
  /** SQLite only: the rowid, in commit order (migration 0010; src/webhooks/fanout.ts). */
  seq?: number
  id: string
  merchant_id: string
  event: string
  contains: string
  payload: string
  created_at: number
}

/** An event whose deliveries are not written yet (migration 0009; src/webhooks/fanout.ts). */
export interface EventFanoutRow {
  event_id: string
  merchant_id: string
}

/** SQLite only: the last events.seq fanned out (migration 0010; src/webhooks/fanout.ts). */
export interface EventFanoutCursorRow {
  one: number
  seq: number
}

export interface MerchantClockRow { merchant_id: string; offset_seconds: number }

export interface JobRow {
  id: string
  merchant_id: string
  kind: string
  subject_id: string | null
  run_at: number
  payload: string
  status: string
  attempts: number
  last_error: string | null
  created_at: number
  finished_at: number | null
}

export interface LedgerEntryRow {
  id: Generated<number>
  merchant_id: string
  txn_id: string
  account: string
  amount: number
  currency: string
  ref_type: string
  ref_id: string
  created_at: number
}

export interface WebhookRow {
  id: string
  merchant_id: string
  owner_id: string
  url: string
  secret: string | null
  events: string
  active: number
  alert_email: string | null
  chaos: string | null
  disabled_at: number | null
  created_at: number
  updated_at: number
}

export interface WebhookDeliveryRow {
  id: string
  merchant_id: string
  event_id: string
  webhook_id: string
  url: string
  secret: string | null
  status: string
  attempts: number
  next_attempt_at: number
  last_status: number | null
  last_error: string | null
  created_at: number
  delivered_at: number | null
}

export interface WebhookAttemptRow {
  id: Generated<number>
  delivery_id: string
  merchant_id: string
  attempted_at: number
  url: string
  status_code: number | null
  latency_ms: number
  error: string | null
  chaos: string | null
}

/**
 * All tables. Feature slices that add tables may also extend this interface from their own
 * module with `declare module '…/store/schema.js' { interface Database { … } }`.
 */
export interface Database {
  merchants: MerchantRow
  api_keys: ApiKeyRow
  orders: OrderRow
  cards: CardRow
  payments: PaymentRow
  refunds: RefundRow
  idempotency_keys: IdempotencyKeyRow
  events: EventRow
  event_fanouts: EventFanoutRow
  event_fanout_cursor: EventFanoutCursorRow
  merchant_clocks: MerchantClockRow
  jobs: JobRow
  ledger_entries: LedgerEntryRow
  webhooks: WebhookRow
  webhook_deliveries: WebhookDeliveryRow
  webhook_attempts: WebhookAttemptRow
}

/** What domain stores query through: the whole database, or one transaction of it. */
export type Db = Kysely<Database> | Transaction<Database>

/** RazorpayX fund account validations (migration 0008; src/domain/fund-account-validations). */
export interface FundAccountValidationRow {
  id: string
  merchant_id: string
  business_account_id: string
  account_number: string
  fund_account_id: string
  account_type: string
  status: string
  /** NULL for VPAs: they take no amount validation. */
  amount: number | null
  currency: string | null
  /** Includes tax; kept for the ledger and credit-backs, not shown on the entity. */
  fees: number
  tax: number
  notes: string
  account_status: string | null
  registered_name: string | null
  utr: string | null
  /** Internal: the simulated bank's answer, fixed at creation (JSON). */
  scenario: string
  created_at: number
  updated_at: number
}

// Declaration merging: appended here rather than edited into the list above.
export interface Database {
  fund_account_validations: FundAccountValidationRow
}
