-- 0008 fund account validations (RazorpayX): penny drops to a contact's bank account or VPA that
-- tell the merchant whether it is active and whose name it is in. Money moves through the ledger
-- (amount + fee out of the business account on create; credited back as the bank's answer says).

CREATE TABLE fund_account_validations (
  id                   TEXT PRIMARY KEY,     -- fav_…
  merchant_id          TEXT NOT NULL,
  business_account_id  TEXT NOT NULL,
  account_number       TEXT NOT NULL,        -- the business account debited
  fund_account_id      TEXT NOT NULL,
  account_type         TEXT NOT NULL,        -- of the fund account: bank_account | vpa
  status               TEXT NOT NULL,        -- created | completed | failed
  amount               INTEGER,              -- the penny; NULL for VPAs (no amount validation)
  currency             TEXT,                 -- NULL with amount
  fees                 INTEGER NOT NULL,     -- includes tax; not on the wire, only in the ledger
  tax                  INTEGER NOT NULL,
  notes                TEXT NOT NULL,
  account_status       TEXT,                 -- results.account_status: NULL until the bank answers
  registered_name      TEXT,                 -- results.registered_name
  utr                  TEXT,
  scenario             TEXT NOT NULL,        -- internal: what the simulated bank will answer
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX fund_account_validations_list ON fund_account_validations (merchant_id, account_number, created_at, id);
