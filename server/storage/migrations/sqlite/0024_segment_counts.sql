-- Counts per segment (server/storage/sql_segment_snapshots.h): the satisfaction and visit
-- counts of 0005, 0008, 0020 and 0021 kept again for each segment that a figure has asked for,
-- over the members of its snapshot, so that a figure filtered by a segment reads as many rows
-- as one without.

-- The segments with a snapshot, and when (microseconds) their members were last evaluated.
CREATE TABLE segment_snapshots (
  segment_id INTEGER PRIMARY KEY,
  evaluated_at INTEGER NOT NULL
);

-- The members of each snapshot; by customer, for the writes that count a customer's
-- interactions in the segments it belongs to.
CREATE TABLE segment_snapshot_members (
  segment_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  PRIMARY KEY (segment_id, customer_id)
);
CREATE INDEX segment_snapshot_members_by_customer
  ON segment_snapshot_members (customer_id, segment_id);

-- Customers written since the last refresh of any snapshot (their membership may have changed),
-- handed on at each refresh to every snapshot's own list below (`changes`: how many writes,
-- kept so that marking is one adding upsert).
CREATE TABLE segment_changed_customers (
  customer_id INTEGER PRIMARY KEY,
  changes INTEGER NOT NULL
);
CREATE TABLE segment_pending_customers (
  segment_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  changes INTEGER NOT NULL,
  PRIMARY KEY (segment_id, customer_id)
);

-- The count tables, segment_id first.
CREATE TABLE segment_score_answer_counts (
  segment_id INTEGER NOT NULL,
  metric INTEGER NOT NULL,
  mentioned INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  score INTEGER NOT NULL,
  answers INTEGER NOT NULL,
  PRIMARY KEY (segment_id, metric, mentioned, bucket_start, touchpoint_id, channel, score)
);
CREATE TABLE segment_score_answer_day_counts (
  segment_id INTEGER NOT NULL,
  metric INTEGER NOT NULL,
  mentioned INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  score INTEGER NOT NULL,
  answers INTEGER NOT NULL,
  PRIMARY KEY (segment_id, metric, mentioned, bucket_start, score, touchpoint_id, channel)
);
CREATE TABLE segment_score_answer_day_totals (
  segment_id INTEGER NOT NULL,
  metric INTEGER NOT NULL,
  mentioned INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  score INTEGER NOT NULL,
  answers INTEGER NOT NULL,
  PRIMARY KEY (segment_id, metric, mentioned, bucket_start, score, touchpoint_id, channel)
);
CREATE TABLE segment_visit_intent_counts (
  segment_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  intent INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, intent, touchpoint_id, channel)
);
CREATE TABLE segment_visit_intent_day_counts (
  segment_id INTEGER NOT NULL,
  dimension INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  intent INTEGER NOT NULL,
  value TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (segment_id, dimension, bucket_start, touchpoint_id, channel, intent, value)
);
CREATE TABLE segment_visit_intent_value_counts (
  segment_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  dimension INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  listed INTEGER NOT NULL,
  value TEXT NOT NULL,
  visits INTEGER NOT NULL,
  transactional_visits INTEGER NOT NULL,
  informational_visits INTEGER NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, dimension, touchpoint_id, channel, listed, value)
);
CREATE TABLE segment_visit_intent_value_totals (
  segment_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  dimension INTEGER NOT NULL,
  channel TEXT NOT NULL,
  listed INTEGER NOT NULL,
  value TEXT NOT NULL,
  visits INTEGER NOT NULL,
  transactional_visits INTEGER NOT NULL,
  informational_visits INTEGER NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, dimension, channel, listed, value)
);
