-- 0010 event fan-out cursor: SQLite only (see migrations/sqlite/0010_event_fanout_cursor.sql).
-- PostgreSQL keeps one event_fanouts row per event: a sequence numbers rows in the order
-- transactions insert them, not the order they commit, so a cursor over it could pass an event
-- whose transaction commits later. Nothing to change here; the file keeps the two dialects'
-- migration lists the same.
SELECT 1;
