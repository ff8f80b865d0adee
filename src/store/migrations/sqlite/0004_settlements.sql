-- 0004 settlements: each merchant's settlement schedule, settlements, the transactions that move the
-- merchant's payment balance (what settlement recon lists), and on-demand (instant) settlements with
-- their payouts. Balances themselves live in ledger_entries (merchant_balance, merchant_bank, …).

-- T+N working days per merchant; no row = the global default (TIJORI_SETTLEMENT_DAYS, else 2).
CREATE TABLE settlement_schedules (
  merchant_id  TEXT PRIMARY KEY,
  delay_days   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE settlements (
  id            TEXT PRIMARY KEY,            -- setl_…
  merchant_id   TEXT NOT NULL,
  amount        INTEGER NOT NULL,            -- net of fees and refunds; what reached the bank account
  currency      TEXT NOT NULL,
  status        TEXT NOT NULL,               -- created | processed | failed
  fees          INTEGER NOT NULL,            -- of the settlement itself: 0 for a normal settlement
  tax           INTEGER NOT NULL,
  utr           TEXT,
  created_at    INTEGER NOT NULL,
  processed_at  INTEGER
) WITHOUT ROWID;
CREATE INDEX settlements_merchant_created ON settlements (merchant_id, created_at, id);

-- One row per transaction that moved the payment balance: a captured payment (credit = amount - fee)
-- or a refund of a captured payment (debit = amount). Written in the transaction of the capture or
-- refund; settled (settlement_id, settled_at) by the settlement that paid it out.
CREATE TABLE settlement_items (
  entity_id      TEXT PRIMARY KEY,           -- pay_… or rfnd_…
  merchant_id    TEXT NOT NULL,
  type           TEXT NOT NULL,              -- payment | refund
  payment_id     TEXT NOT NULL,              -- the payment itself, or the refunded payment
  currency       TEXT NOT NULL,
  amount         INTEGER NOT NULL,
  credit         INTEGER NOT NULL,
  debit          INTEGER NOT NULL,
  fee            INTEGER NOT NULL,           -- includes tax
  tax            INTEGER NOT NULL,
  balance_at     INTEGER NOT NULL,           -- when it moved the balance (capture or refund time)
  due_at         INTEGER NOT NULL,           -- the first settlement slot that may pay it out
  settlement_id  TEXT,
  settled_at     INTEGER
) WITHOUT ROWID;
CREATE INDEX settlement_items_unsettled ON settlement_items (merchant_id, due_at) WHERE settlement_id IS NULL;
CREATE INDEX settlement_items_settled ON settlement_items (merchant_id, settled_at);
CREATE INDEX settlement_items_settlement ON settlement_items (settlement_id);

CREATE TABLE ondemand_settlements (
  id                   TEXT PRIMARY KEY,     -- setlod_…
  merchant_id          TEXT NOT NULL,
  amount_requested     INTEGER NOT NULL,
  amount_settled       INTEGER NOT NULL,
  amount_pending       INTEGER NOT NULL,
  amount_reversed      INTEGER NOT NULL,
  fees                 INTEGER NOT NULL,     -- includes tax
  tax                  INTEGER NOT NULL,
  currency             TEXT NOT NULL,
  settle_full_balance  INTEGER NOT NULL,
  status               TEXT NOT NULL,        -- created | initiated | partially_processed | processed | reversed
  description          TEXT,
  notes                TEXT NOT NULL,
  created_at           INTEGER NOT NULL,
  processed_at         INTEGER
) WITHOUT ROWID;
CREATE INDEX ondemand_settlements_merchant_created ON ondemand_settlements (merchant_id, created_at, id);

CREATE TABLE ondemand_payouts (
  id              TEXT PRIMARY KEY,          -- setlodp_…
  merchant_id     TEXT NOT NULL,
  settlement_id   TEXT NOT NULL,             -- setlod_…
  amount          INTEGER NOT NULL,
  amount_settled  INTEGER,
  fees            INTEGER NOT NULL,
  tax             INTEGER NOT NULL,
  utr             TEXT,
  status          TEXT NOT NULL,             -- created | initiated | processed | reversed
  initiated_at    INTEGER,
  processed_at    INTEGER,
  reversed_at     INTEGER,
  created_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX ondemand_payouts_settlement ON ondemand_payouts (settlement_id, id);
