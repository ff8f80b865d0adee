-- PostgreSQL form of ../sqlite/0001_init.sql: BIGINT for INTEGER, identity for rowid keys, TEXT COLLATE "C" so
-- time-ordered ids sort bytewise as they do in SQLite. Keep the two files in step.
-- 0001 init: merchants and keys, orders, payments, cards, refunds, idempotency keys, events.
-- Entity tables are WITHOUT ROWID with time-ordered text ids (performance.md A.2: ordered
-- clustered keys are 2-4x cheaper to insert). Money is INTEGER subunits; time is INTEGER unix seconds.

CREATE TABLE merchants (
  id          TEXT COLLATE "C" PRIMARY KEY,
  name        TEXT COLLATE "C" NOT NULL,
  email       TEXT COLLATE "C",
  created_at  BIGINT NOT NULL
);

CREATE TABLE api_keys (
  key_id       TEXT COLLATE "C" PRIMARY KEY,
  merchant_id  TEXT COLLATE "C" NOT NULL,
  secret       TEXT COLLATE "C" NOT NULL,
  created_at   BIGINT NOT NULL,
  revoked_at   BIGINT
);
CREATE INDEX api_keys_merchant ON api_keys (merchant_id);

CREATE TABLE orders (
  id                        TEXT COLLATE "C" PRIMARY KEY,
  merchant_id               TEXT COLLATE "C" NOT NULL,
  amount                    BIGINT NOT NULL,
  amount_paid               BIGINT NOT NULL DEFAULT 0,
  currency                  TEXT COLLATE "C" NOT NULL,
  receipt                   TEXT COLLATE "C",
  offer_id                  TEXT COLLATE "C",
  status                    TEXT COLLATE "C" NOT NULL,
  attempts                  BIGINT NOT NULL DEFAULT 0,
  partial_payment           BIGINT NOT NULL DEFAULT 0,
  first_payment_min_amount  BIGINT,
  payment_capture           BIGINT,          -- 1 automatic, 0 manual, NULL = account default (automatic)
  capture_options           TEXT COLLATE "C",             -- JSON of payment.capture_options, or NULL
  method                    TEXT COLLATE "C",
  notes                     TEXT COLLATE "C" NOT NULL,    -- JSON object (or [] when empty, as Razorpay shows)
  created_at                BIGINT NOT NULL
);
CREATE INDEX orders_merchant_created ON orders (merchant_id, created_at, id);
CREATE INDEX orders_merchant_receipt ON orders (merchant_id, receipt, created_at, id);

CREATE TABLE cards (
  id             TEXT COLLATE "C" PRIMARY KEY,
  merchant_id    TEXT COLLATE "C" NOT NULL,
  name           TEXT COLLATE "C" NOT NULL,
  last4          TEXT COLLATE "C" NOT NULL,
  network        TEXT COLLATE "C" NOT NULL,
  type           TEXT COLLATE "C" NOT NULL,
  issuer         TEXT COLLATE "C",
  international  BIGINT NOT NULL,
  emi            BIGINT NOT NULL,
  sub_type       TEXT COLLATE "C" NOT NULL,
  iin            TEXT COLLATE "C" NOT NULL,
  expiry_month   BIGINT,
  expiry_year    BIGINT,
  created_at     BIGINT NOT NULL
);

CREATE TABLE payments (
  id                 TEXT COLLATE "C" PRIMARY KEY,
  merchant_id        TEXT COLLATE "C" NOT NULL,
  order_id           TEXT COLLATE "C",
  invoice_id         TEXT COLLATE "C",
  amount             BIGINT NOT NULL,
  currency           TEXT COLLATE "C" NOT NULL,
  status             TEXT COLLATE "C" NOT NULL,
  method             TEXT COLLATE "C" NOT NULL,
  international      BIGINT NOT NULL DEFAULT 0,
  amount_refunded    BIGINT NOT NULL DEFAULT 0,
  refund_status      TEXT COLLATE "C",
  captured           BIGINT NOT NULL DEFAULT 0,
  description        TEXT COLLATE "C",
  card_id            TEXT COLLATE "C",
  bank               TEXT COLLATE "C",
  wallet             TEXT COLLATE "C",
  vpa                TEXT COLLATE "C",
  email              TEXT COLLATE "C",
  contact            TEXT COLLATE "C",
  customer_id        TEXT COLLATE "C",
  token_id           TEXT COLLATE "C",
  notes              TEXT COLLATE "C" NOT NULL,
  fee                BIGINT,
  tax                BIGINT,
  error_code         TEXT COLLATE "C",
  error_description  TEXT COLLATE "C",
  error_source       TEXT COLLATE "C",
  error_step         TEXT COLLATE "C",
  error_reason       TEXT COLLATE "C",
  acquirer_data      TEXT COLLATE "C" NOT NULL,         -- JSON
  upi                TEXT COLLATE "C",                  -- JSON {payer_account_type, vpa, flow} for UPI
  scenario           TEXT COLLATE "C" NOT NULL,         -- internal: the simulated bank's verdict for this instrument
  auth_step          TEXT COLLATE "C",                  -- internal: otp | redirect | upi_collect, while status = created
  otp_attempts       BIGINT NOT NULL DEFAULT 0,
  callback_url       TEXT COLLATE "C",                  -- where the bank page sends the customer afterwards
  created_at         BIGINT NOT NULL,
  authorized_at      BIGINT,
  captured_at        BIGINT
);
CREATE INDEX payments_merchant_created ON payments (merchant_id, created_at, id);
CREATE INDEX payments_order ON payments (order_id, created_at, id);

CREATE TABLE refunds (
  id               TEXT COLLATE "C" PRIMARY KEY,
  merchant_id      TEXT COLLATE "C" NOT NULL,
  payment_id       TEXT COLLATE "C" NOT NULL,
  amount           BIGINT NOT NULL,
  currency         TEXT COLLATE "C" NOT NULL,
  status           TEXT COLLATE "C" NOT NULL,
  speed_requested  TEXT COLLATE "C" NOT NULL,
  speed_processed  TEXT COLLATE "C",
  receipt          TEXT COLLATE "C",
  batch_id         TEXT COLLATE "C",
  notes            TEXT COLLATE "C" NOT NULL,
  acquirer_data    TEXT COLLATE "C" NOT NULL,
  created_at       BIGINT NOT NULL,
  processed_at     BIGINT
);
CREATE INDEX refunds_merchant_created ON refunds (merchant_id, created_at, id);
CREATE INDEX refunds_payment ON refunds (payment_id, created_at, id);

-- Idempotency records: an append-only rowid table with a small unique index (performance.md:
-- client-chosen keys cannot be ordered, so keep them out of a clustered B-tree).
CREATE TABLE idempotency_keys (
  merchant_id      TEXT COLLATE "C" NOT NULL,
  scope            TEXT COLLATE "C" NOT NULL,             -- endpoint, e.g. refund:pay_…
  key              TEXT COLLATE "C" NOT NULL,
  request_hash     TEXT COLLATE "C" NOT NULL,
  status           TEXT COLLATE "C" NOT NULL,             -- started | finished (started is for cross-process claims)
  resource_id      TEXT COLLATE "C",
  response_status  BIGINT,
  response_body    TEXT COLLATE "C",
  created_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_key ON idempotency_keys (merchant_id, scope, key);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Transactional outbox: one row per announced state change, written in the same transaction.
CREATE TABLE events (
  id           TEXT COLLATE "C" PRIMARY KEY,
  merchant_id  TEXT COLLATE "C" NOT NULL,
  event        TEXT COLLATE "C" NOT NULL,
  contains     TEXT COLLATE "C" NOT NULL,               -- JSON array
  payload      TEXT COLLATE "C" NOT NULL,               -- JSON envelope payload (entity snapshots)
  created_at   BIGINT NOT NULL
);
CREATE INDEX events_merchant_created ON events (merchant_id, created_at);
