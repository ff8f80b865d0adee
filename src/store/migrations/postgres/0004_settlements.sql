-- PostgreSQL form of ../sqlite/0004_settlements.sql: BIGINT for INTEGER, identity for rowid keys, TEXT COLLATE "C" so
-- time-ordered ids sort bytewise as they do in SQLite. Keep the two files in step.
-- 0004 settlements: each merchant's settlement schedule, settlements, the transactions that move the
-- merchant's payment balance (what settlement recon lists), and on-demand (instant) settlements with
-- their payouts. Balances themselves live in ledger_entries (merchant_balance, merchant_bank, …).

-- T+N working days per merchant; no row = the global default (TIJORI_SETTLEMENT_DAYS, else 2).
CREATE TABLE settlement_schedules (
  merchant_id  TEXT COLLATE "C" PRIMARY KEY,
  delay_days   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);

CREATE TABLE settlements (
  id            TEXT COLLATE "C" PRIMARY KEY,            -- setl_…
  merchant_id   TEXT COLLATE "C" NOT NULL,
  amount        BIGINT NOT NULL,            -- net of fees and refunds; what reached the bank account
  currency      TEXT COLLATE "C" NOT NULL,
  status        TEXT COLLATE "C" NOT NULL,               -- created | processed | failed
  fees          BIGINT NOT NULL,            -- of the settlement itself: 0 for a normal settlement
  tax           BIGINT NOT NULL,
  utr           TEXT COLLATE "C",
  created_at    BIGINT NOT NULL,
  processed_at  BIGINT
);
CREATE INDEX settlements_merchant_created ON settlements (merchant_id, created_at, id);

-- One row per transaction that moved the payment balance: a captured payment (credit = amount - fee)
-- or a refund of a captured payment (debit = amount). Written in the transaction of the capture or
-- refund; settled (settlement_id, settled_at) by the settlement that paid it out.
CREATE TABLE settlement_items (
  entity_id      TEXT COLLATE "C" PRIMARY KEY,           -- pay_… or rfnd_…
  merchant_id    TEXT COLLATE "C" NOT NULL,
  type           TEXT COLLATE "C" NOT NULL,              -- payment | refund
  payment_id     TEXT COLLATE "C" NOT NULL,              -- the payment itself, or the refunded payment
  currency       TEXT COLLATE "C" NOT NULL,
  amount         BIGINT NOT NULL,
  credit         BIGINT NOT NULL,
  debit          BIGINT NOT NULL,
  fee            BIGINT NOT NULL,           -- includes tax
  tax            BIGINT NOT NULL,
  balance_at     BIGINT NOT NULL,           -- when it moved the balance (capture or refund time)
  due_at         BIGINT NOT NULL,           -- the first settlement slot that may pay it out
  settlement_id  TEXT COLLATE "C",
  settled_at     BIGINT
);
CREATE INDEX settlement_items_unsettled ON settlement_items (merchant_id, due_at) WHERE settlement_id IS NULL;
CREATE INDEX settlement_items_settled ON settlement_items (merchant_id, settled_at);
CREATE INDEX settlement_items_settlement ON settlement_items (settlement_id);

CREATE TABLE ondemand_settlements (
  id                   TEXT COLLATE "C" PRIMARY KEY,     -- setlod_…
  merchant_id          TEXT COLLATE "C" NOT NULL,
  amount_requested     BIGINT NOT NULL,
  amount_settled       BIGINT NOT NULL,
  amount_pending       BIGINT NOT NULL,
  amount_reversed      BIGINT NOT NULL,
  fees                 BIGINT NOT NULL,     -- includes tax
  tax                  BIGINT NOT NULL,
  currency             TEXT COLLATE "C" NOT NULL,
  settle_full_balance  BIGINT NOT NULL,
  status               TEXT COLLATE "C" NOT NULL,        -- created | initiated | partially_processed | processed | reversed
  description          TEXT COLLATE "C",
  notes                TEXT COLLATE "C" NOT NULL,
  created_at           BIGINT NOT NULL,
  processed_at         BIGINT
);
CREATE INDEX ondemand_settlements_merchant_created ON ondemand_settlements (merchant_id, created_at, id);

CREATE TABLE ondemand_payouts (
  id              TEXT COLLATE "C" PRIMARY KEY,          -- setlodp_…
  merchant_id     TEXT COLLATE "C" NOT NULL,
  settlement_id   TEXT COLLATE "C" NOT NULL,             -- setlod_…
  amount          BIGINT NOT NULL,
  amount_settled  BIGINT,
  fees            BIGINT NOT NULL,
  tax             BIGINT NOT NULL,
  utr             TEXT COLLATE "C",
  status          TEXT COLLATE "C" NOT NULL,             -- created | initiated | processed | reversed
  initiated_at    BIGINT,
  processed_at    BIGINT,
  reversed_at     BIGINT,
  created_at      BIGINT NOT NULL
);
CREATE INDEX ondemand_payouts_settlement ON ondemand_payouts (settlement_id, id);
