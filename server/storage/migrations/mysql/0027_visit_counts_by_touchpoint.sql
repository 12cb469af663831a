-- The quarter-hour visit counts keyed touchpoint first, as
-- migrations/sqlite/0027_visit_counts_by_touchpoint.sql; re-runnable.
ALTER TABLE visit_intent_counts DROP PRIMARY KEY,
  ADD PRIMARY KEY (touchpoint_id, bucket_start, intent, channel);
ALTER TABLE segment_visit_intent_counts DROP PRIMARY KEY,
  ADD PRIMARY KEY (segment_id, touchpoint_id, bucket_start, intent, channel);
