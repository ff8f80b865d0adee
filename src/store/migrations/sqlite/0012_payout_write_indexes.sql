-- 0012 fewer index entries per payout (issue 3's create benchmark). A payout wrote 9 rows and 16
-- index entries; each index entry can dirty a page that the commit writes to the WAL and the
-- checkpoint copies again. These cost a write on every payout and served no query that needed
-- them on every row:
--  - ledger_txn: nothing reads ledger entries by txn_id (balances sum by merchant and account).
--  - ledger_account: balances are summed from the ledger only for payment-side and Route accounts.
--    The RazorpayX accounts keep their balance on business_accounts, and Razorpay's fee account is
--    never summed, so entries of accounts named razorpay… leave the index. A payout's three entries
--    went to three places in the middle of this index and each split rewrote its neighbours: ~13
--    of the ~100 pages a commit of 40 payouts wrote. ledger.ts's balance() states the same
--    condition in its query, which is what lets the database use a partial index.
--  - payouts_reference: only payouts with a reference_id are ever looked up by it.
--  - payouts_queue: only queued payouts are read through it (the FIFO drain); a payout made with
--    enough balance never enters the queue, and a queued one leaves the index when it moves on.
DROP INDEX ledger_txn;
DROP INDEX ledger_account;
CREATE INDEX ledger_account ON ledger_entries (merchant_id, account) WHERE substr(account, 1, 8) <> 'razorpay';
DROP INDEX payouts_reference;
CREATE INDEX payouts_reference ON payouts (merchant_id, reference_id) WHERE reference_id IS NOT NULL;
DROP INDEX payouts_queue;
CREATE INDEX payouts_queue ON payouts (business_account_id, created_at, id) WHERE status = 'queued';

-- A payout's bank answer no longer needs a job row of its own (a job is 3 B-tree inserts: the row,
-- jobs_due, jobs_subject). A processing payout carries the merchant-clock time its answer is due,
-- and one shared payout.settle job per merchant and due second settles every payout due by then
-- (src/domain/payouts/processing.ts). The partial index holds processing payouts only. Jobs made
-- before this migration name their payout (subject_id) and still settle just that one.
ALTER TABLE payouts ADD COLUMN settle_at INTEGER;
CREATE INDEX payouts_settle ON payouts (merchant_id, settle_at, id) WHERE status = 'processing';
