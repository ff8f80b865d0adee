-- 0005 Route: linked accounts (POST /v2/accounts, type "route"), transfers to them (direct, from
-- payments, from orders) and reversals of transfers. Money itself lives in ledger_entries, under the
-- parent merchant: linked:<acc_id> (what a linked account holds, not yet settled), linked_bank:<acc_id>
-- (where its settlements land), sandbox_funds (test money added to the payment balance).

CREATE TABLE linked_accounts (
  id                             TEXT PRIMARY KEY,    -- acc_…
  merchant_id                    TEXT NOT NULL,       -- the parent merchant
  type                           TEXT NOT NULL,       -- route
  status                         TEXT NOT NULL,       -- created | suspended
  email                          TEXT NOT NULL,
  phone                          TEXT NOT NULL,
  legal_business_name            TEXT NOT NULL,
  customer_facing_business_name  TEXT NOT NULL,
  business_type                  TEXT NOT NULL,
  reference_id                   TEXT,
  contact_name                   TEXT NOT NULL,
  profile                        TEXT NOT NULL,       -- JSON {category, subcategory, business_model, addresses}
  legal_info                     TEXT,                -- JSON {pan, gst}
  contact_info                   TEXT,                -- JSON
  apps                           TEXT,                -- JSON
  brand                          TEXT,                -- JSON
  notes                          TEXT NOT NULL,
  transfers_from                 INTEGER NOT NULL,    -- end of the 24 h cooling period (merchant's clock)
  created_at                     INTEGER NOT NULL,
  updated_at                     INTEGER NOT NULL,
  suspended_at                   INTEGER
) WITHOUT ROWID;
CREATE INDEX linked_accounts_merchant ON linked_accounts (merchant_id, created_at, id);
CREATE INDEX linked_accounts_email ON linked_accounts (merchant_id, email);

CREATE TABLE transfers (
  id                       TEXT PRIMARY KEY,          -- trf_…
  merchant_id              TEXT NOT NULL,             -- the parent merchant (who pays)
  source                   TEXT NOT NULL,             -- acc_… (direct) | pay_… | order_…
  source_type              TEXT NOT NULL,             -- direct | payment | order
  payment_id               TEXT,                      -- the payment whose money it moves (order transfers: once paid)
  recipient                TEXT NOT NULL,             -- the linked account, acc_…
  amount                   INTEGER NOT NULL,
  currency                 TEXT NOT NULL,
  amount_reversed          INTEGER NOT NULL,
  fees                     INTEGER NOT NULL,          -- includes tax
  tax                      INTEGER NOT NULL,
  notes                    TEXT NOT NULL,
  linked_account_notes     TEXT NOT NULL,             -- JSON array of note keys
  on_hold                  INTEGER NOT NULL,
  on_hold_until            INTEGER,
  status                   TEXT NOT NULL,             -- created | pending | processed | failed | reversed | partially_reversed
  settle_at                INTEGER,                   -- the linked-account settlement slot it may settle in
  recipient_settlement_id  TEXT,
  settled_at               INTEGER,
  recipient_payment_id     TEXT,                      -- the payment the linked account sees for it
  error_code               TEXT,
  error_description        TEXT,
  error_source             TEXT,
  error_step               TEXT,
  error_reason             TEXT,
  attempts                 INTEGER NOT NULL,          -- processing attempts (order transfers are retried)
  created_at               INTEGER NOT NULL,
  processed_at             INTEGER,
  updated_at               INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX transfers_merchant_created ON transfers (merchant_id, created_at, id);
CREATE INDEX transfers_recipient ON transfers (recipient, created_at, id);
CREATE INDEX transfers_payment ON transfers (payment_id);
CREATE INDEX transfers_source ON transfers (source);
CREATE INDEX transfers_settlement ON transfers (recipient_settlement_id);
CREATE INDEX transfers_unsettled ON transfers (recipient, settle_at) WHERE recipient_settlement_id IS NULL;

CREATE TABLE transfer_reversals (
  id                  TEXT PRIMARY KEY,               -- rvrsl_…
  merchant_id         TEXT NOT NULL,
  transfer_id         TEXT NOT NULL,
  recipient           TEXT NOT NULL,                  -- the linked account it takes money from
  amount              INTEGER NOT NULL,
  fee                 INTEGER NOT NULL,
  tax                 INTEGER NOT NULL,
  currency            TEXT NOT NULL,
  notes               TEXT NOT NULL,
  initiator_id        TEXT NOT NULL,
  customer_refund_id  TEXT,
  utr                 TEXT,
  settlement_id       TEXT,                           -- the linked-account settlement that netted it
  created_at          INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX transfer_reversals_transfer ON transfer_reversals (transfer_id, created_at, id);
CREATE INDEX transfer_reversals_unsettled ON transfer_reversals (recipient) WHERE settlement_id IS NULL;
