-- Segments, as migrations/sqlite/0011_segments.sql (which explains each table and column).
-- Re-runnable like 0003: the tables are created IF NOT EXISTS, the indexes added last.

CREATE TABLE IF NOT EXISTS segments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  display_name LONGTEXT NOT NULL,
  description LONGTEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS segment_conditions (
  segment_id BIGINT NOT NULL,
  position INT NOT NULL,
  kind INT NOT NULL,
  attribute_key LONGBLOB NOT NULL,
  attribute_value LONGBLOB NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  interaction_kind INT NOT NULL,
  direction INT NOT NULL,
  comparison INT NOT NULL,
  compared_count BIGINT NOT NULL,
  inactive INT NOT NULL,
  metric INT NOT NULL,
  min_score INT NOT NULL,
  max_score INT NOT NULL,
  within_days INT NOT NULL,
  PRIMARY KEY (segment_id, position),
  CONSTRAINT segment_conditions_segment_fk FOREIGN KEY (segment_id) REFERENCES segments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The indexes of the membership queries (see the SQLite migration), by the last statement, one
-- ALTER TABLE that InnoDB applies whole or not at all. MySQL has no partial index: the answers'
-- index also holds an entry per interaction without an answer.
ALTER TABLE interactions
  ADD INDEX IF NOT EXISTS interactions_kind_time (kind, occur_time, customer_id, direction),
  ADD INDEX IF NOT EXISTS interactions_survey_answers (survey_metric, customer_id, occur_time, survey_score);
