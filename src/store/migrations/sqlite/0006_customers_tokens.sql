-- 0006 customers, tokens and recurring payments (issue 5): customers and their bank accounts,
-- eligibility checks, the recurring part of authorisation orders and payments, tokens (mandates and
-- saved cards), invoices (registration links and invoices) and items.

CREATE TABLE customers (
  id           TEXT PRIMARY KEY,            -- cust_…
  merchant_id  TEXT NOT NULL,
  name         TEXT,
  email        TEXT,
  contact      TEXT,
  gstin        TEXT,
  notes        TEXT NOT NULL,               -- JSON object
  created_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX customers_merchant_created ON customers (merchant_id, created_at, id);
-- "The same details": an existing customer is found by (merchant, email, contact).
CREATE INDEX customers_identity ON customers (merchant_id, email, contact);

CREATE TABLE customer_bank_accounts (
  id              TEXT PRIMARY KEY,         -- ba_…
  merchant_id     TEXT NOT NULL,
  customer_id     TEXT NOT NULL,
  ifsc            TEXT NOT NULL,
  bank_name       TEXT,
  name            TEXT,
  account_number  TEXT NOT NULL,
  beneficiary     TEXT NOT NULL,            -- JSON: beneficiary_address1..4, email, mobile, city, state, country, pin
  status          TEXT NOT NULL,            -- active | deleted
  created_at      INTEGER NOT NULL,
  deleted_at      INTEGER
) WITHOUT ROWID;
CREATE INDEX customer_bank_accounts_customer ON customer_bank_accounts (customer_id);

CREATE TABLE customer_eligibility (
  id           TEXT PRIMARY KEY,            -- elig_…
  merchant_id  TEXT NOT NULL,
  body         TEXT NOT NULL,               -- JSON: the answer, as first given
  created_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- An authorisation order: the order row keeps method; these columns add its customer and the
-- validated token block (JSON: max_amount, expire_at, frequency, auth_type, bank_account, nach, …).
ALTER TABLE orders ADD COLUMN customer_id TEXT;
ALTER TABLE orders ADD COLUMN token TEXT;

-- The recurring context of an authorisation payment, written when it is created and read when it
-- is authorized (that is when its token is made). Card numbers are never kept: only the card's
-- payment account reference (a one-way fingerprint), for POST /v1/cards/fingerprints.
CREATE TABLE payment_mandates (
  payment_id    TEXT PRIMARY KEY,
  merchant_id   TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  auth_type     TEXT,
  bank_account  TEXT,                       -- JSON {beneficiary_name, account_number, account_type, ifsc}
  par           TEXT,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE tokens (
  id                TEXT PRIMARY KEY,       -- token_…
  merchant_id       TEXT NOT NULL,
  customer_id       TEXT,
  token             TEXT NOT NULL,          -- the 14-character token value of the entity
  source            TEXT NOT NULL,          -- recurring (an authorisation payment) | tokenhq (POST /v1/tokens)
  method            TEXT NOT NULL,          -- card | emandate | upi | nach
  card_id           TEXT,
  bank              TEXT,
  vpa               TEXT,
  auth_type         TEXT,
  recurring         INTEGER NOT NULL,
  recurring_status  TEXT,                   -- initiated | confirmed | rejected | cancelled | paused
  failure_reason    TEXT,
  max_amount        INTEGER,
  expired_at        INTEGER,
  frequency         TEXT,
  bank_details      TEXT,                   -- JSON, e-mandate and NACH
  notes             TEXT NOT NULL,
  par               TEXT,                   -- card payment account reference
  token_iin         TEXT,
  payment_id        TEXT,                   -- the authorisation payment
  order_id          TEXT,
  status            TEXT NOT NULL,          -- active | deleted (DELETE: hidden from the customer's list)
  used_at           INTEGER,
  start_time        INTEGER,
  created_at        INTEGER NOT NULL,
  deleted_at        INTEGER
) WITHOUT ROWID;
CREATE INDEX tokens_customer ON tokens (merchant_id, customer_id, created_at);

CREATE TABLE invoices (
  id                         TEXT PRIMARY KEY,   -- inv_…
  merchant_id                TEXT NOT NULL,
  type                       TEXT NOT NULL,      -- link | invoice
  status                     TEXT NOT NULL,      -- draft | issued | partially_paid | paid | cancelled | expired | deleted
  customer_id                TEXT,
  customer_details           TEXT,               -- JSON snapshot, or NULL
  order_id                   TEXT,
  payment_id                 TEXT,
  receipt                    TEXT,
  invoice_number             TEXT,
  description                TEXT,
  terms                      TEXT,
  comment                    TEXT,
  notes                      TEXT NOT NULL,
  line_items                 TEXT NOT NULL,      -- JSON array of line item wires
  currency                   TEXT NOT NULL,
  amount                     INTEGER NOT NULL,
  gross_amount               INTEGER NOT NULL,
  tax_amount                 INTEGER NOT NULL,
  taxable_amount             INTEGER NOT NULL,
  amount_paid                INTEGER NOT NULL,
  partial_payment            INTEGER NOT NULL,
  first_payment_min_amount   INTEGER,
  expire_by                  INTEGER,
  date                       INTEGER,
  issued_at                  INTEGER,
  paid_at                    INTEGER,
  cancelled_at               INTEGER,
  expired_at                 INTEGER,
  sms_notify                 INTEGER NOT NULL,
  email_notify               INTEGER NOT NULL,
  sms_status                 TEXT,
  email_status               TEXT,
  short_url                  TEXT,
  subscription_registration  TEXT,               -- JSON for registration links, else NULL
  created_at                 INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX invoices_merchant_created ON invoices (merchant_id, created_at, id);
CREATE INDEX invoices_order ON invoices (order_id);

CREATE TABLE items (
  id            TEXT PRIMARY KEY,            -- item_…
  merchant_id   TEXT NOT NULL,
  active        INTEGER NOT NULL,
  name          TEXT NOT NULL,
  description   TEXT,
  amount        INTEGER NOT NULL,
  currency      TEXT NOT NULL,
  unit          TEXT,
  tax_inclusive INTEGER NOT NULL,
  hsn_code      TEXT,
  sac_code      TEXT,
  tax_rate      INTEGER,
  created_at    INTEGER NOT NULL,
  deleted_at    INTEGER
) WITHOUT ROWID;
CREATE INDEX items_merchant_created ON items (merchant_id, created_at, id);
