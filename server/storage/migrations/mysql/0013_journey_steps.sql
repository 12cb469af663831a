-- The interactions of a time range with what a journey map reads of them, as
-- migrations/sqlite/0013_journey_steps.sql: one range scan of this index, which covers the query
-- (InnoDB appends the primary key, the id). Re-runnable: IF NOT EXISTS.
CREATE INDEX IF NOT EXISTS interactions_journey ON interactions
  (occur_time, customer_id, touchpoint_id, kind, survey_metric, survey_score, channel);
