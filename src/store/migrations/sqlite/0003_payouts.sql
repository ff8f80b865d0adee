-- 0003 payouts (RazorpayX): business accounts, contacts, fund accounts, payouts.
-- Balances live in the double-entry ledger (ledger_entries); business_accounts.balance is a cache
-- of the account's ledger balance, updated in the same transaction as every posting.

CREATE TABLE business_accounts (
  id              TEXT PRIMARY KEY,          -- bacc_…
  merchant_id     TEXT NOT NULL,
  account_number  TEXT NOT NULL,             -- what payouts send as account_number
  account_type    TEXT NOT NULL,             -- razorpayx_lite
  is_primary      INTEGER NOT NULL,          -- 1 for the account every merchant gets
  balance         INTEGER NOT NULL,          -- subunits; = ledger balance of razorpayx:<account_number>
  currency        TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX business_accounts_number ON business_accounts (account_number);
CREATE UNIQUE INDEX business_accounts_primary ON business_accounts (merchant_id) WHERE is_primary = 1;
CREATE INDEX business_accounts_merchant ON business_accounts (merchant_id);

CREATE TABLE contacts (
  id            TEXT PRIMARY KEY,            -- cont_…
  merchant_id   TEXT NOT NULL,
  name          TEXT NOT NULL,
  contact       TEXT,
  email         TEXT,
  type          TEXT,
  reference_id  TEXT,
  batch_id      TEXT,
  active        INTEGER NOT NULL,
  notes         TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX contacts_merchant_created ON contacts (merchant_id, created_at, id);
CREATE INDEX contacts_merchant_name ON contacts (merchant_id, name);

CREATE TABLE fund_accounts (
  id            TEXT PRIMARY KEY,            -- fa_…
  merchant_id   TEXT NOT NULL,
  contact_id    TEXT,                        -- RazorpayX fund accounts belong to a contact …
  customer_id   TEXT,                        -- … customer fund accounts (payments API) to a customer
  account_type  TEXT NOT NULL,               -- bank_account | vpa | card | wallet
  details       TEXT NOT NULL,               -- JSON: the wire sub-object (bank_account{…}, vpa{…}, …)
  dedupe_key    TEXT,                        -- the documented duplicate-detection fields, or NULL (cards)
  active        INTEGER NOT NULL,
  batch_id      TEXT,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX fund_accounts_merchant_created ON fund_accounts (merchant_id, created_at, id);
CREATE INDEX fund_accounts_dedupe ON fund_accounts (merchant_id, dedupe_key);
CREATE INDEX fund_accounts_contact ON fund_accounts (contact_id);
CREATE INDEX fund_accounts_customer ON fund_accounts (customer_id);

CREATE TABLE payouts (
  id                    TEXT PRIMARY KEY,    -- pout_…
  merchant_id           TEXT NOT NULL,
  business_account_id   TEXT NOT NULL,
  account_number        TEXT NOT NULL,       -- the business account debited
  fund_account_id       TEXT NOT NULL,
  contact_id            TEXT,
  amount                INTEGER NOT NULL,
  currency              TEXT NOT NULL,
  fees                  INTEGER NOT NULL,    -- includes tax; 0 until the payout is processing
  tax                   INTEGER NOT NULL,
  status                TEXT NOT NULL,
  utr                   TEXT,
  mode                  TEXT NOT NULL,
  purpose               TEXT NOT NULL,
  reference_id          TEXT,
  narration             TEXT,
  batch_id              TEXT,
  notes                 TEXT NOT NULL,
  fee_type              TEXT NOT NULL,
  status_reason         TEXT,
  status_source         TEXT,
  status_description    TEXT,
  failure_reason        TEXT,
  queue_if_low_balance  INTEGER NOT NULL,
  scenario              TEXT NOT NULL,       -- internal: what the simulated bank will do
  created_at            INTEGER NOT NULL,
  processed_at          INTEGER,
  updated_at            INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX payouts_merchant_created ON payouts (merchant_id, created_at, id);
CREATE INDEX payouts_queue ON payouts (business_account_id, status, created_at, id);
CREATE INDEX payouts_reference ON payouts (merchant_id, reference_id);
CREATE INDEX payouts_fund_account ON payouts (fund_account_id);
