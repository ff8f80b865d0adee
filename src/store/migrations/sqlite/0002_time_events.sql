-- 0002 time and events: per-merchant clocks, scheduled jobs, the double-entry ledger, webhook
-- endpoints and their deliveries.

-- A merchant's clock is real time plus an offset it can advance (POST /_sandbox/clock).
CREATE TABLE merchant_clocks (
  merchant_id     TEXT PRIMARY KEY,
  offset_seconds  INTEGER NOT NULL
) WITHOUT ROWID;

-- Work that falls due later, on the merchant's clock. A job runs at most once: its effects and
-- its status change commit in one transaction.
CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  merchant_id  TEXT NOT NULL,
  kind         TEXT NOT NULL,
  subject_id   TEXT,                         -- the entity the job acts on (payment id, …)
  run_at       INTEGER NOT NULL,             -- merchant-clock unix seconds
  payload      TEXT NOT NULL,                -- JSON
  status       TEXT NOT NULL,                -- pending | done | failed
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT,
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
) WITHOUT ROWID;
CREATE INDEX jobs_due ON jobs (status, merchant_id, run_at);
CREATE INDEX jobs_subject ON jobs (subject_id, kind);

-- Double-entry ledger: every movement is a set of entries (one txn_id) summing to zero.
CREATE TABLE ledger_entries (
  id           INTEGER PRIMARY KEY,
  merchant_id  TEXT NOT NULL,
  txn_id       TEXT NOT NULL,
  account      TEXT NOT NULL,
  amount       INTEGER NOT NULL,             -- signed subunits: + credit to the account, - debit
  currency     TEXT NOT NULL,
  ref_type     TEXT NOT NULL,
  ref_id       TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX ledger_account ON ledger_entries (merchant_id, account);
CREATE INDEX ledger_txn ON ledger_entries (txn_id);

CREATE TABLE webhooks (
  id            TEXT PRIMARY KEY,
  merchant_id   TEXT NOT NULL,
  owner_id      TEXT NOT NULL,               -- the merchant's acc_ id, or a v2 account id
  url           TEXT NOT NULL,
  secret        TEXT,
  events        TEXT NOT NULL,               -- JSON array of event names
  active        INTEGER NOT NULL,
  alert_email   TEXT,
  chaos         TEXT,                        -- JSON {duplicate, delay_ms, drop_first} for handler testing
  disabled_at   INTEGER,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX webhooks_merchant ON webhooks (merchant_id);

-- One delivery per (event, endpoint), created in the event's transaction. The secret is copied
-- at event time: retries are signed with the secret that was current when the event happened.
CREATE TABLE webhook_deliveries (
  id               TEXT PRIMARY KEY,
  merchant_id      TEXT NOT NULL,
  event_id         TEXT NOT NULL,
  webhook_id       TEXT NOT NULL,
  url              TEXT NOT NULL,
  secret           TEXT,
  status           TEXT NOT NULL,            -- pending | delivered | failed (gave up)
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,         -- merchant-clock unix seconds
  last_status      INTEGER,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  delivered_at     INTEGER
) WITHOUT ROWID;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, merchant_id, next_attempt_at);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id);

CREATE TABLE webhook_attempts (
  id            INTEGER PRIMARY KEY,
  delivery_id   TEXT NOT NULL,
  merchant_id   TEXT NOT NULL,
  attempted_at  INTEGER NOT NULL,             -- merchant-clock unix seconds
  url           TEXT NOT NULL,                -- where it was POSTed (the endpoint's URL at attempt time)
  status_code   INTEGER,                      -- null: no HTTP response (refused, timeout, dropped by chaos)
  latency_ms    INTEGER NOT NULL,
  error         TEXT,
  chaos         TEXT                          -- null | dropped | duplicate: what the endpoint's chaos setting did
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);
