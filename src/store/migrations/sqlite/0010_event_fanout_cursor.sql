-- 0010 SQLite fan-out cursor: on SQLite, an event no longer writes an event_fanouts row. Events get
-- a rowid (`seq`), and one row here remembers the last seq fanned out; every event after it is
-- waiting for its deliveries (src/webhooks/fanout.ts). This holds because SQLite has one writer at a
-- time, across processes: a transaction takes its rowids while it holds the write lock and commits
-- before releasing it, so no event can become visible behind the cursor later. Events are never
-- deleted, so rowids are never handed out twice (no AUTOINCREMENT needed).
-- Why: the fan-out row was one more B-tree, so one more WAL page, in every group commit. A rowid
-- table also stores these ~400-byte rows more cheaply than a WITHOUT ROWID table keyed by a text id
-- (measured in BENCHMARKS.md, 2026-12-07).
-- PostgreSQL keeps event_fanouts: its sequences number rows as transactions run, not as they
-- commit, so a cursor there could pass an event that commits later.
CREATE TABLE events_by_seq (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL,
  merchant_id  TEXT NOT NULL,
  event        TEXT NOT NULL,
  contains     TEXT NOT NULL,               -- JSON array
  payload      TEXT NOT NULL,               -- JSON envelope payload (entity snapshots)
  created_at   INTEGER NOT NULL
);
INSERT INTO events_by_seq (id, merchant_id, event, contains, payload, created_at)
  SELECT id, merchant_id, event, contains, payload, created_at FROM events ORDER BY id;
DROP TABLE events;
ALTER TABLE events_by_seq RENAME TO events;
CREATE UNIQUE INDEX events_id ON events (id);

-- Every event written so far is fanned out, or has its event_fanouts row still (those are drained
-- as before).
CREATE TABLE event_fanout_cursor (
  one  INTEGER PRIMARY KEY CHECK (one = 1),
  seq  INTEGER NOT NULL
);
INSERT INTO event_fanout_cursor (one, seq) SELECT 1, coalesce(max(seq), 0) FROM events;
