-- PostgreSQL form of ../sqlite/0005_route.sql: BIGINT for INTEGER, identity for rowid keys, TEXT COLLATE "C" so
-- time-ordered ids sort bytewise as they do in SQLite. Keep the two files in step.
-- 0005 Route: linked accounts (POST /v2/accounts, type "route"), transfers to them (direct, from
-- payments, from orders) and reversals of transfers. Money itself lives in ledger_entries, under the
-- parent merchant: linked:<acc_id> (what a linked account holds, not yet settled), linked_bank:<acc_id>
-- (where its settlements land), sandbox_funds (test money added to the payment balance).

CREATE TABLE linked_accounts (
  id                             TEXT COLLATE "C" PRIMARY KEY,    -- acc_…
  merchant_id                    TEXT COLLATE "C" NOT NULL,       -- the parent merchant
  type                           TEXT COLLATE "C" NOT NULL,       -- route
  status                         TEXT COLLATE "C" NOT NULL,       -- created | suspended
  email                          TEXT COLLATE "C" NOT NULL,
  phone                          TEXT COLLATE "C" NOT NULL,
  legal_business_name            TEXT COLLATE "C" NOT NULL,
  customer_facing_business_name  TEXT COLLATE "C" NOT NULL,
  business_type                  TEXT COLLATE "C" NOT NULL,
  reference_id                   TEXT COLLATE "C",
  contact_name                   TEXT COLLATE "C" NOT NULL,
  profile                        TEXT COLLATE "C" NOT NULL,       -- JSON {category, subcategory, business_model, addresses}
  legal_info                     TEXT COLLATE "C",                -- JSON {pan, gst}
  contact_info                   TEXT COLLATE "C",                -- JSON
  apps                           TEXT COLLATE "C",                -- JSON
  brand                          TEXT COLLATE "C",                -- JSON
  notes                          TEXT COLLATE "C" NOT NULL,
  transfers_from                 BIGINT NOT NULL,    -- end of the 24 h cooling period (merchant's clock)
  created_at                     BIGINT NOT NULL,
  updated_at                     BIGINT NOT NULL,
  suspended_at                   BIGINT
);
CREATE INDEX linked_accounts_merchant ON linked_accounts (merchant_id, created_at, id);
CREATE INDEX linked_accounts_email ON linked_accounts (merchant_id, email);

CREATE TABLE transfers (
  id                       TEXT COLLATE "C" PRIMARY KEY,          -- trf_…
  merchant_id              TEXT COLLATE "C" NOT NULL,             -- the parent merchant (who pays)
  source                   TEXT COLLATE "C" NOT NULL,             -- acc_… (direct) | pay_… | order_…
  source_type              TEXT COLLATE "C" NOT NULL,             -- direct | payment | order
  payment_id               TEXT COLLATE "C",                      -- the payment whose money it moves (order transfers: once paid)
  recipient                TEXT COLLATE "C" NOT NULL,             -- the linked account, acc_…
  amount                   BIGINT NOT NULL,
  currency                 TEXT COLLATE "C" NOT NULL,
  amount_reversed          BIGINT NOT NULL,
  fees                     BIGINT NOT NULL,          -- includes tax
  tax                      BIGINT NOT NULL,
  notes                    TEXT COLLATE "C" NOT NULL,
  linked_account_notes     TEXT COLLATE "C" NOT NULL,             -- JSON array of note keys
  on_hold                  BIGINT NOT NULL,
  on_hold_until            BIGINT,
  status                   TEXT COLLATE "C" NOT NULL,             -- created | pending | processed | failed | reversed | partially_reversed
  settle_at                BIGINT,                   -- the linked-account settlement slot it may settle in
  recipient_settlement_id  TEXT COLLATE "C",
  settled_at               BIGINT,
  recipient_payment_id     TEXT COLLATE "C",                      -- the payment the linked account sees for it
  error_code               TEXT COLLATE "C",
  error_description        TEXT COLLATE "C",
  error_source             TEXT COLLATE "C",
  error_step               TEXT COLLATE "C",
  error_reason             TEXT COLLATE "C",
  attempts                 BIGINT NOT NULL,          -- processing attempts (order transfers are retried)
  created_at               BIGINT NOT NULL,
  processed_at             BIGINT,
  updated_at               BIGINT NOT NULL
);
CREATE INDEX transfers_merchant_created ON transfers (merchant_id, created_at, id);
CREATE INDEX transfers_recipient ON transfers (recipient, created_at, id);
CREATE INDEX transfers_payment ON transfers (payment_id);
CREATE INDEX transfers_source ON transfers (source);
CREATE INDEX transfers_settlement ON transfers (recipient_settlement_id);
CREATE INDEX transfers_unsettled ON transfers (recipient, settle_at) WHERE recipient_settlement_id IS NULL;

CREATE TABLE transfer_reversals (
  id                  TEXT COLLATE "C" PRIMARY KEY,               -- rvrsl_…
  merchant_id         TEXT COLLATE "C" NOT NULL,
  transfer_id         TEXT COLLATE "C" NOT NULL,
  recipient           TEXT COLLATE "C" NOT NULL,                  -- the linked account it takes money from
  amount              BIGINT NOT NULL,
  fee                 BIGINT NOT NULL,
  tax                 BIGINT NOT NULL,
  currency            TEXT COLLATE "C" NOT NULL,
  notes               TEXT COLLATE "C" NOT NULL,
  initiator_id        TEXT COLLATE "C" NOT NULL,
  customer_refund_id  TEXT COLLATE "C",
  utr                 TEXT COLLATE "C",
  settlement_id       TEXT COLLATE "C",                           -- the linked-account settlement that netted it
  created_at          BIGINT NOT NULL
);
CREATE INDEX transfer_reversals_transfer ON transfer_reversals (transfer_id, created_at, id);
CREATE INDEX transfer_reversals_unsettled ON transfer_reversals (recipient) WHERE settlement_id IS NULL;
