-- Counts per segment, as migrations/sqlite/0024_segment_counts.sql says.

-- The segments with a snapshot, and when (microseconds) their members were last evaluated.
CREATE TABLE IF NOT EXISTS segment_snapshots (
  segment_id BIGINT NOT NULL PRIMARY KEY,
  evaluated_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The members of each snapshot; by customer, for the writes that count a customer's
-- interactions in the segments it belongs to.
CREATE TABLE IF NOT EXISTS segment_snapshot_members (
  segment_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  PRIMARY KEY (segment_id, customer_id),
  KEY segment_snapshot_members_by_customer (customer_id, segment_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Customers written since the last refresh of any snapshot (their membership may have changed),
-- handed on at each refresh to every snapshot's own list below (`changes`: how many writes,
-- kept so that marking is one adding upsert).
CREATE TABLE IF NOT EXISTS segment_changed_customers (
  customer_id BIGINT NOT NULL PRIMARY KEY,
  changes BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS segment_pending_customers (
  segment_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  changes BIGINT NOT NULL,
  PRIMARY KEY (segment_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The count tables, segment_id first.
CREATE TABLE IF NOT EXISTS segment_score_answer_counts (
  segment_id BIGINT NOT NULL,
  metric INT NOT NULL,
  mentioned TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  score INT NOT NULL,
  answers BIGINT NOT NULL,
  PRIMARY KEY (segment_id, metric, mentioned, bucket_start, touchpoint_id, channel, score)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS segment_score_answer_day_counts (
  segment_id BIGINT NOT NULL,
  metric INT NOT NULL,
  mentioned TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  score INT NOT NULL,
  answers BIGINT NOT NULL,
  PRIMARY KEY (segment_id, metric, mentioned, bucket_start, score, touchpoint_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS segment_score_answer_day_totals (
  segment_id BIGINT NOT NULL,
  metric INT NOT NULL,
  mentioned TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  score INT NOT NULL,
  answers BIGINT NOT NULL,
  PRIMARY KEY (segment_id, metric, mentioned, bucket_start, score, touchpoint_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS segment_visit_intent_counts (
  segment_id BIGINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  intent TINYINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  visits BIGINT NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, intent, touchpoint_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS segment_visit_intent_day_counts (
  segment_id BIGINT NOT NULL,
  dimension TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  intent TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  PRIMARY KEY (segment_id, dimension, bucket_start, touchpoint_id, channel, intent, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS segment_visit_intent_value_counts (
  segment_id BIGINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  dimension TINYINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  listed TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  transactional_visits BIGINT NOT NULL,
  informational_visits BIGINT NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, dimension, touchpoint_id, channel, listed, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS segment_visit_intent_value_totals (
  segment_id BIGINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  dimension TINYINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  listed TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  transactional_visits BIGINT NOT NULL,
  informational_visits BIGINT NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, dimension, channel, listed, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
