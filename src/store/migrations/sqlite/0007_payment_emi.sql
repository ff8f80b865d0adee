-- 0007 card EMI payments: the plan an EMI payment is on, shown by GET /v1/payments/:id?expand[]=emi.
ALTER TABLE payments ADD COLUMN emi TEXT;  -- JSON {issuer, rate (hundredths of a percent a year), duration (months)}
