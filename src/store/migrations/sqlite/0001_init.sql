-- 0001 init: merchants and keys, orders, payments, cards, refunds, idempotency keys, events.
-- Entity tables are WITHOUT ROWID with time-ordered text ids (performance.md A.2: ordered
-- clustered keys are 2-4x cheaper to insert). Money is INTEGER subunits; time is INTEGER unix seconds.

CREATE TABLE merchants (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  email       TEXT,
  created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_keys (
  key_id       TEXT PRIMARY KEY,
  merchant_id  TEXT NOT NULL,
  secret       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER
) WITHOUT ROWID;
CREATE INDEX api_keys_merchant ON api_keys (merchant_id);

CREATE TABLE orders (
  id                        TEXT PRIMARY KEY,
  merchant_id               TEXT NOT NULL,
  amount                    INTEGER NOT NULL,
  amount_paid               INTEGER NOT NULL DEFAULT 0,
  currency                  TEXT NOT NULL,
  receipt                   TEXT,
  offer_id                  TEXT,
  status                    TEXT NOT NULL,
  attempts                  INTEGER NOT NULL DEFAULT 0,
  partial_payment           INTEGER NOT NULL DEFAULT 0,
  first_payment_min_amount  INTEGER,
  payment_capture           INTEGER,          -- 1 automatic, 0 manual, NULL = account default (automatic)
  capture_options           TEXT,             -- JSON of payment.capture_options, or NULL
  method                    TEXT,
  notes                     TEXT NOT NULL,    -- JSON object (or [] when empty, as Razorpay shows)
  created_at                INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX orders_merchant_created ON orders (merchant_id, created_at, id);
CREATE INDEX orders_merchant_receipt ON orders (merchant_id, receipt, created_at, id);

CREATE TABLE cards (
  id             TEXT PRIMARY KEY,
  merchant_id    TEXT NOT NULL,
  name           TEXT NOT NULL,
  last4          TEXT NOT NULL,
  network        TEXT NOT NULL,
  type           TEXT NOT NULL,
  issuer         TEXT,
  international  INTEGER NOT NULL,
  emi            INTEGER NOT NULL,
  sub_type       TEXT NOT NULL,
  iin            TEXT NOT NULL,
  expiry_month   INTEGER,
  expiry_year    INTEGER,
  created_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE payments (
  id                 TEXT PRIMARY KEY,
  merchant_id        TEXT NOT NULL,
  order_id           TEXT,
  invoice_id         TEXT,
  amount             INTEGER NOT NULL,
  currency           TEXT NOT NULL,
  status             TEXT NOT NULL,
  method             TEXT NOT NULL,
  international      INTEGER NOT NULL DEFAULT 0,
  amount_refunded    INTEGER NOT NULL DEFAULT 0,
  refund_status      TEXT,
  captured           INTEGER NOT NULL DEFAULT 0,
  description        TEXT,
  card_id            TEXT,
  bank               TEXT,
  wallet             TEXT,
  vpa                TEXT,
  email              TEXT,
  contact            TEXT,
  customer_id        TEXT,
  token_id           TEXT,
  notes              TEXT NOT NULL,
  fee                INTEGER,
  tax                INTEGER,
  error_code         TEXT,
  error_description  TEXT,
  error_source       TEXT,
  error_step         TEXT,
  error_reason       TEXT,
  acquirer_data      TEXT NOT NULL,         -- JSON
  upi                TEXT,                  -- JSON {payer_account_type, vpa, flow} for UPI
  scenario           TEXT NOT NULL,         -- internal: the simulated bank's verdict for this instrument
  auth_step          TEXT,                  -- internal: otp | redirect | upi_collect, while status = created
  otp_attempts       INTEGER NOT NULL DEFAULT 0,
  callback_url       TEXT,                  -- where the bank page sends the customer afterwards
  created_at         INTEGER NOT NULL,
  authorized_at      INTEGER,
  captured_at        INTEGER
) WITHOUT ROWID;
CREATE INDEX payments_merchant_created ON payments (merchant_id, created_at, id);
CREATE INDEX payments_order ON payments (order_id, created_at, id);

CREATE TABLE refunds (
  id               TEXT PRIMARY KEY,
  merchant_id      TEXT NOT NULL,
  payment_id       TEXT NOT NULL,
  amount           INTEGER NOT NULL,
  currency         TEXT NOT NULL,
  status           TEXT NOT NULL,
  speed_requested  TEXT NOT NULL,
  speed_processed  TEXT,
  receipt          TEXT,
  batch_id         TEXT,
  notes            TEXT NOT NULL,
  acquirer_data    TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  processed_at     INTEGER
) WITHOUT ROWID;
CREATE INDEX refunds_merchant_created ON refunds (merchant_id, created_at, id);
CREATE INDEX refunds_payment ON refunds (payment_id, created_at, id);

-- Idempotency records: an append-only rowid table with a small unique index (performance.md:
-- client-chosen keys cannot be ordered, so keep them out of a clustered B-tree).
CREATE TABLE idempotency_keys (
  merchant_id      TEXT NOT NULL,
  scope            TEXT NOT NULL,             -- endpoint, e.g. refund:pay_…
  key              TEXT NOT NULL,
  request_hash     TEXT NOT NULL,
  status           TEXT NOT NULL,             -- started | finished (started is for cross-process claims)
  resource_id      TEXT,
  response_status  INTEGER,
  response_body    TEXT,
  created_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_key ON idempotency_keys (merchant_id, scope, key);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Transactional outbox: one row per announced state change, written in the same transaction.
CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  merchant_id  TEXT NOT NULL,
  event        TEXT NOT NULL,
  contains     TEXT NOT NULL,               -- JSON array
  payload      TEXT NOT NULL,               -- JSON envelope payload (entity snapshots)
  created_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX events_merchant_created ON events (merchant_id, created_at);
