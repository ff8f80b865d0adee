-- 0011 delivery log index: GET /_sandbox/webhook_deliveries lists a merchant's deliveries newest
-- first (optionally by status, event or webhook). Without an index in that order every page sorted
-- all of the merchant's deliveries: ~1 s a page with 115,000 of them (a load audit paging through
-- the log kept the server at 100 % CPU for minutes). With it, a page walks the index.
CREATE INDEX webhook_deliveries_merchant_created ON webhook_deliveries (merchant_id, created_at, id);
