-- PostgreSQL form of ../sqlite/0003_payouts.sql: BIGINT for INTEGER, identity for rowid keys, TEXT COLLATE "C" so
-- time-ordered ids sort bytewise as they do in SQLite. Keep the two files in step.
-- 0003 payouts (RazorpayX): business accounts, contacts, fund accounts, payouts.
-- Balances live in the double-entry ledger (ledger_entries); business_accounts.balance is a cache
-- of the account's ledger balance, updated in the same transaction as every posting.

CREATE TABLE business_accounts (
  id              TEXT COLLATE "C" PRIMARY KEY,          -- bacc_…
  merchant_id     TEXT COLLATE "C" NOT NULL,
  account_number  TEXT COLLATE "C" NOT NULL,             -- what payouts send as account_number
  account_type    TEXT COLLATE "C" NOT NULL,             -- razorpayx_lite
  is_primary      BIGINT NOT NULL,          -- 1 for the account every merchant gets
  balance         BIGINT NOT NULL,          -- subunits; = ledger balance of razorpayx:<account_number>
  currency        TEXT COLLATE "C" NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX business_accounts_number ON business_accounts (account_number);
CREATE UNIQUE INDEX business_accounts_primary ON business_accounts (merchant_id) WHERE is_primary = 1;
CREATE INDEX business_accounts_merchant ON business_accounts (merchant_id);

CREATE TABLE contacts (
  id            TEXT COLLATE "C" PRIMARY KEY,            -- cont_…
  merchant_id   TEXT COLLATE "C" NOT NULL,
  name          TEXT COLLATE "C" NOT NULL,
  contact       TEXT COLLATE "C",
  email         TEXT COLLATE "C",
  type          TEXT COLLATE "C",
  reference_id  TEXT COLLATE "C",
  batch_id      TEXT COLLATE "C",
  active        BIGINT NOT NULL,
  notes         TEXT COLLATE "C" NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX contacts_merchant_created ON contacts (merchant_id, created_at, id);
CREATE INDEX contacts_merchant_name ON contacts (merchant_id, name);

CREATE TABLE fund_accounts (
  id            TEXT COLLATE "C" PRIMARY KEY,            -- fa_…
  merchant_id   TEXT COLLATE "C" NOT NULL,
  contact_id    TEXT COLLATE "C",                        -- RazorpayX fund accounts belong to a contact …
  customer_id   TEXT COLLATE "C",                        -- … customer fund accounts (payments API) to a customer
  account_type  TEXT COLLATE "C" NOT NULL,               -- bank_account | vpa | card | wallet
  details       TEXT COLLATE "C" NOT NULL,               -- JSON: the wire sub-object (bank_account{…}, vpa{…}, …)
  dedupe_key    TEXT COLLATE "C",                        -- the documented duplicate-detection fields, or NULL (cards)
  active        BIGINT NOT NULL,
  batch_id      TEXT COLLATE "C",
  created_at    BIGINT NOT NULL
);
CREATE INDEX fund_accounts_merchant_created ON fund_accounts (merchant_id, created_at, id);
CREATE INDEX fund_accounts_dedupe ON fund_accounts (merchant_id, dedupe_key);
CREATE INDEX fund_accounts_contact ON fund_accounts (contact_id);
CREATE INDEX fund_accounts_customer ON fund_accounts (customer_id);

CREATE TABLE payouts (
  id                    TEXT COLLATE "C" PRIMARY KEY,    -- pout_…
  merchant_id           TEXT COLLATE "C" NOT NULL,
  business_account_id   TEXT COLLATE "C" NOT NULL,
  account_number        TEXT COLLATE "C" NOT NULL,       -- the business account debited
  fund_account_id       TEXT COLLATE "C" NOT NULL,
  contact_id            TEXT COLLATE "C",
  amount                BIGINT NOT NULL,
  currency              TEXT COLLATE "C" NOT NULL,
  fees                  BIGINT NOT NULL,    -- includes tax; 0 until the payout is processing
  tax                   BIGINT NOT NULL,
  status                TEXT COLLATE "C" NOT NULL,
  utr                   TEXT COLLATE "C",
  mode                  TEXT COLLATE "C" NOT NULL,
  purpose               TEXT COLLATE "C" NOT NULL,
  reference_id          TEXT COLLATE "C",
  narration             TEXT COLLATE "C",
  batch_id              TEXT COLLATE "C",
  notes                 TEXT COLLATE "C" NOT NULL,
  fee_type              TEXT COLLATE "C" NOT NULL,
  status_reason         TEXT COLLATE "C",
  status_source         TEXT COLLATE "C",
  status_description    TEXT COLLATE "C",
  failure_reason        TEXT COLLATE "C",
  queue_if_low_balance  BIGINT NOT NULL,
  scenario              TEXT COLLATE "C" NOT NULL,       -- internal: what the simulated bank will do
  created_at            BIGINT NOT NULL,
  processed_at          BIGINT,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX payouts_merchant_created ON payouts (merchant_id, created_at, id);
CREATE INDEX payouts_queue ON payouts (business_account_id, status, created_at, id);
CREATE INDEX payouts_reference ON payouts (merchant_id, reference_id);
CREATE INDEX payouts_fund_account ON payouts (fund_account_id);
