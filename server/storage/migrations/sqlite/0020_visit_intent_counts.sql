-- Visitor intent (server/core/visit_intent.h). A visit's intent as a column of its interaction
-- (NULL on every other kind; 0 none, 1 transactional, 2 informational), so that a segment counts
-- a customer's visits of one intent by the (kind, time) index of 0011.
ALTER TABLE interactions ADD COLUMN visit_intent INTEGER;
-- An interaction-count condition on the intent of visits (NULL: any).
ALTER TABLE segment_conditions ADD COLUMN visit_intent INTEGER;

-- The visits per UTC quarter hour (bucket_start, microseconds), touchpoint (0: none), channel
-- and intent, from which a series and the ends of a range are read.
CREATE TABLE visit_intent_counts (
  bucket_start INTEGER NOT NULL,
  intent INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (bucket_start, intent, touchpoint_id, channel)
);

-- The visits per whole UTC day (bucket_start the midnight), touchpoint, channel and intent
-- (dimension 0, value ''), and the same per value of each dimension the figures break visits
-- down by (dimension 1 referrer type, 2 referrer name, 3 search keyword, 4 entry page; value
-- clipped to 200 bytes, '' for none). A figure over a long range reads its whole days here.
CREATE TABLE visit_intent_day_counts (
  dimension INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  intent INTEGER NOT NULL,
  value TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (dimension, bucket_start, touchpoint_id, channel, intent, value)
);

-- Visits recorded before this migration carry their intent in their attributes only, which SQL
-- cannot read: they are not counted (the web channel, which writes visits, arrives with it).
