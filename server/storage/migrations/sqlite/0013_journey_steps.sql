-- The interactions of a time range with what a journey map reads of them (sql_journey_steps.h):
-- one range scan of this index, which covers the query (SQLite appends the rowid, the id), instead
-- of a scan of the whole table.
CREATE INDEX interactions_journey ON interactions
  (occur_time, customer_id, touchpoint_id, kind, survey_metric, survey_score, channel);
