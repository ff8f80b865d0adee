-- 0009 deferred webhook fan-out: an event's transaction writes the event and one row here; the
-- dispatcher (or anything about to read or change a merchant's deliveries or webhooks) turns the
-- row into one delivery per subscribed active webhook and deletes it, in one transaction. This keeps
-- the webhook read and the delivery rows out of the request's transaction.
-- Events written before this migration were fanned out when they were recorded: nothing to backfill.
CREATE TABLE event_fanouts (
  event_id     TEXT COLLATE "C" PRIMARY KEY,
  merchant_id  TEXT COLLATE "C" NOT NULL
);

-- Nothing reads events by (merchant, time): every event read is by id. The index only cost an
-- insert on every event.
DROP INDEX events_merchant_created;
