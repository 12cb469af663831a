-- Visitor intent, as migrations/sqlite/0020_visit_intent_counts.sql: the intent of a visit as a
-- column of its interaction (NULL on other kinds; 0 none, 1 transactional, 2 informational).
ALTER TABLE interactions ADD COLUMN IF NOT EXISTS visit_intent TINYINT NULL;
-- An interaction-count condition on the intent of visits (NULL: any).
ALTER TABLE segment_conditions ADD COLUMN IF NOT EXISTS visit_intent TINYINT NULL;

-- Visits per UTC quarter hour, touchpoint (0: none), channel and intent.
CREATE TABLE IF NOT EXISTS visit_intent_counts (
  bucket_start BIGINT NOT NULL,
  intent TINYINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  visits BIGINT NOT NULL,
  PRIMARY KEY (bucket_start, intent, touchpoint_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Visits per whole UTC day, touchpoint, channel and intent (dimension 0, value ''), and per value
-- of each dimension (1 referrer type, 2 referrer name, 3 search keyword, 4 entry page; value
-- clipped to 200 bytes).
CREATE TABLE IF NOT EXISTS visit_intent_day_counts (
  dimension TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  intent TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  PRIMARY KEY (dimension, bucket_start, touchpoint_id, channel, intent, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
