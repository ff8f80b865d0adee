-- PostgreSQL form of ../sqlite/0006_customers_tokens.sql: BIGINT for INTEGER, identity for rowid keys, TEXT COLLATE "C" so
-- time-ordered ids sort bytewise as they do in SQLite. Keep the two files in step.
-- 0006 customers, tokens and recurring payments (issue 5): customers and their bank accounts,
-- eligibility checks, the recurring part of authorisation orders and payments, tokens (mandates and
-- saved cards), invoices (registration links and invoices) and items.

CREATE TABLE customers (
  id           TEXT COLLATE "C" PRIMARY KEY,            -- cust_…
  merchant_id  TEXT COLLATE "C" NOT NULL,
  name         TEXT COLLATE "C",
  email        TEXT COLLATE "C",
  contact      TEXT COLLATE "C",
  gstin        TEXT COLLATE "C",
  notes        TEXT COLLATE "C" NOT NULL,               -- JSON object
  created_at   BIGINT NOT NULL
);
CREATE INDEX customers_merchant_created ON customers (merchant_id, created_at, id);
-- "The same details": an existing customer is found by (merchant, email, contact).
CREATE INDEX customers_identity ON customers (merchant_id, email, contact);

CREATE TABLE customer_bank_accounts (
  id              TEXT COLLATE "C" PRIMARY KEY,         -- ba_…
  merchant_id     TEXT COLLATE "C" NOT NULL,
  customer_id     TEXT COLLATE "C" NOT NULL,
  ifsc            TEXT COLLATE "C" NOT NULL,
  bank_name       TEXT COLLATE "C",
  name            TEXT COLLATE "C",
  account_number  TEXT COLLATE "C" NOT NULL,
  beneficiary     TEXT COLLATE "C" NOT NULL,            -- JSON: beneficiary_address1..4, email, mobile, city, state, country, pin
  status          TEXT COLLATE "C" NOT NULL,            -- active | deleted
  created_at      BIGINT NOT NULL,
  deleted_at      BIGINT
);
CREATE INDEX customer_bank_accounts_customer ON customer_bank_accounts (customer_id);

CREATE TABLE customer_eligibility (
  id           TEXT COLLATE "C" PRIMARY KEY,            -- elig_…
  merchant_id  TEXT COLLATE "C" NOT NULL,
  body         TEXT COLLATE "C" NOT NULL,               -- JSON: the answer, as first given
  created_at   BIGINT NOT NULL
);

-- An authorisation order: the order row keeps method; these columns add its customer and the
-- validated token block (JSON: max_amount, expire_at, frequency, auth_type, bank_account, nach, …).
ALTER TABLE orders ADD COLUMN customer_id TEXT COLLATE "C";
ALTER TABLE orders ADD COLUMN token TEXT COLLATE "C";

-- The recurring context of an authorisation payment, written when it is created and read when it
-- is authorized (that is when its token is made). Card numbers are never kept: only the card's
-- payment account reference (a one-way fingerprint), for POST /v1/cards/fingerprints.
CREATE TABLE payment_mandates (
  payment_id    TEXT COLLATE "C" PRIMARY KEY,
  merchant_id   TEXT COLLATE "C" NOT NULL,
  customer_id   TEXT COLLATE "C" NOT NULL,
  auth_type     TEXT COLLATE "C",
  bank_account  TEXT COLLATE "C",                       -- JSON {beneficiary_name, account_number, account_type, ifsc}
  par           TEXT COLLATE "C",
  created_at    BIGINT NOT NULL
);

CREATE TABLE tokens (
  id                TEXT COLLATE "C" PRIMARY KEY,       -- token_…
  merchant_id       TEXT COLLATE "C" NOT NULL,
  customer_id       TEXT COLLATE "C",
  token             TEXT COLLATE "C" NOT NULL,          -- the 14-character token value of the entity
  source            TEXT COLLATE "C" NOT NULL,          -- recurring (an authorisation payment) | tokenhq (POST /v1/tokens)
  method            TEXT COLLATE "C" NOT NULL,          -- card | emandate | upi | nach
  card_id           TEXT COLLATE "C",
  bank              TEXT COLLATE "C",
  vpa               TEXT COLLATE "C",
  auth_type         TEXT COLLATE "C",
  recurring         BIGINT NOT NULL,
  recurring_status  TEXT COLLATE "C",                   -- initiated | confirmed | rejected | cancelled | paused
  failure_reason    TEXT COLLATE "C",
  max_amount        BIGINT,
  expired_at        BIGINT,
  frequency         TEXT COLLATE "C",
  bank_details      TEXT COLLATE "C",                   -- JSON, e-mandate and NACH
  notes             TEXT COLLATE "C" NOT NULL,
  par               TEXT COLLATE "C",                   -- card payment account reference
  token_iin         TEXT COLLATE "C",
  payment_id        TEXT COLLATE "C",                   -- the authorisation payment
  order_id          TEXT COLLATE "C",
  status            TEXT COLLATE "C" NOT NULL,          -- active | deleted (DELETE: hidden from the customer's list)
  used_at           BIGINT,
  start_time        BIGINT,
  created_at        BIGINT NOT NULL,
  deleted_at        BIGINT
);
CREATE INDEX tokens_customer ON tokens (merchant_id, customer_id, created_at);

CREATE TABLE invoices (
  id                         TEXT COLLATE "C" PRIMARY KEY,   -- inv_…
  merchant_id                TEXT COLLATE "C" NOT NULL,
  type                       TEXT COLLATE "C" NOT NULL,      -- link | invoice
  status                     TEXT COLLATE "C" NOT NULL,      -- draft | issued | partially_paid | paid | cancelled | expired | deleted
  customer_id                TEXT COLLATE "C",
  customer_details           TEXT COLLATE "C",               -- JSON snapshot, or NULL
  order_id                   TEXT COLLATE "C",
  payment_id                 TEXT COLLATE "C",
  receipt                    TEXT COLLATE "C",
  invoice_number             TEXT COLLATE "C",
  description                TEXT COLLATE "C",
  terms                      TEXT COLLATE "C",
  comment                    TEXT COLLATE "C",
  notes                      TEXT COLLATE "C" NOT NULL,
  line_items                 TEXT COLLATE "C" NOT NULL,      -- JSON array of line item wires
  currency                   TEXT COLLATE "C" NOT NULL,
  amount                     BIGINT NOT NULL,
  gross_amount               BIGINT NOT NULL,
  tax_amount                 BIGINT NOT NULL,
  taxable_amount             BIGINT NOT NULL,
  amount_paid                BIGINT NOT NULL,
  partial_payment            BIGINT NOT NULL,
  first_payment_min_amount   BIGINT,
  expire_by                  BIGINT,
  date                       BIGINT,
  issued_at                  BIGINT,
  paid_at                    BIGINT,
  cancelled_at               BIGINT,
  expired_at                 BIGINT,
  sms_notify                 BIGINT NOT NULL,
  email_notify               BIGINT NOT NULL,
  sms_status                 TEXT COLLATE "C",
  email_status               TEXT COLLATE "C",
  short_url                  TEXT COLLATE "C",
  subscription_registration  TEXT COLLATE "C",               -- JSON for registration links, else NULL
  created_at                 BIGINT NOT NULL
);
CREATE INDEX invoices_merchant_created ON invoices (merchant_id, created_at, id);
CREATE INDEX invoices_order ON invoices (order_id);

CREATE TABLE items (
  id            TEXT COLLATE "C" PRIMARY KEY,            -- item_…
  merchant_id   TEXT COLLATE "C" NOT NULL,
  active        BIGINT NOT NULL,
  name          TEXT COLLATE "C" NOT NULL,
  description   TEXT COLLATE "C",
  amount        BIGINT NOT NULL,
  currency      TEXT COLLATE "C" NOT NULL,
  unit          TEXT COLLATE "C",
  tax_inclusive BIGINT NOT NULL,
  hsn_code      TEXT COLLATE "C",
  sac_code      TEXT COLLATE "C",
  tax_rate      BIGINT,
  created_at    BIGINT NOT NULL,
  deleted_at    BIGINT
);
CREATE INDEX items_merchant_created ON items (merchant_id, created_at, id);
