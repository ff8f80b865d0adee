-- PostgreSQL form of ../sqlite/0007_payment_emi.sql: BIGINT for INTEGER, identity for rowid keys, TEXT COLLATE "C" so
-- time-ordered ids sort bytewise as they do in SQLite. Keep the two files in step.
-- 0007 card EMI payments: the plan an EMI payment is on, shown by GET /v1/payments/:id?expand[]=emi.
ALTER TABLE payments ADD COLUMN emi TEXT COLLATE "C";  -- JSON {issuer, rate (hundredths of a percent a year), duration (months)}
