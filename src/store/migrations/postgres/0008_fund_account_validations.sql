-- PostgreSQL form of ../sqlite/0008_fund_account_validations.sql: BIGINT for INTEGER, identity for rowid keys, TEXT COLLATE "C" so
-- time-ordered ids sort bytewise as they do in SQLite. Keep the two files in step.
-- 0008 fund account validations (RazorpayX): penny drops to a contact's bank account or VPA that
-- tell the merchant whether it is active and whose name it is in. Money moves through the ledger
-- (amount + fee out of the business account on create; credited back as the bank's answer says).

CREATE TABLE fund_account_validations (
  id                   TEXT COLLATE "C" PRIMARY KEY,     -- fav_…
  merchant_id          TEXT COLLATE "C" NOT NULL,
  business_account_id  TEXT COLLATE "C" NOT NULL,
  account_number       TEXT COLLATE "C" NOT NULL,        -- the business account debited
  fund_account_id      TEXT COLLATE "C" NOT NULL,
  account_type         TEXT COLLATE "C" NOT NULL,        -- of the fund account: bank_account | vpa
  status               TEXT COLLATE "C" NOT NULL,        -- created | completed | failed
  amount               BIGINT,              -- the penny; NULL for VPAs (no amount validation)
  currency             TEXT COLLATE "C",                 -- NULL with amount
  fees                 BIGINT NOT NULL,     -- includes tax; not on the wire, only in the ledger
  tax                  BIGINT NOT NULL,
  notes                TEXT COLLATE "C" NOT NULL,
  account_status       TEXT COLLATE "C",                 -- results.account_status: NULL until the bank answers
  registered_name      TEXT COLLATE "C",                 -- results.registered_name
  utr                  TEXT COLLATE "C",
  scenario             TEXT COLLATE "C" NOT NULL,        -- internal: what the simulated bank will answer
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL
);
CREATE INDEX fund_account_validations_list ON fund_account_validations (merchant_id, account_number, created_at, id);
