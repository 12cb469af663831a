-- The visits per value of each dimension per whole UTC day, capped per day, as
-- migrations/sqlite/0021_visit_value_counts.sql.
CREATE TABLE IF NOT EXISTS visit_intent_value_counts (
  bucket_start BIGINT NOT NULL,
  dimension TINYINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  listed TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  transactional_visits BIGINT NOT NULL,
  informational_visits BIGINT NOT NULL,
  PRIMARY KEY (bucket_start, dimension, touchpoint_id, channel, listed, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The same summed over every touchpoint (per channel), for the figures without a touchpoint
-- filter.
CREATE TABLE IF NOT EXISTS visit_intent_value_totals (
  bucket_start BIGINT NOT NULL,
  dimension TINYINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  listed TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  transactional_visits BIGINT NOT NULL,
  informational_visits BIGINT NOT NULL,
  PRIMARY KEY (bucket_start, dimension, channel, listed, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The values listed per (dimension, UTC day), first come; never removed.
CREATE TABLE IF NOT EXISTS visit_intent_listed_values (
  dimension TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  PRIMARY KEY (dimension, bucket_start, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A row here makes the store recount every visit when it opens (a rerun of this file only
-- recounts again).
CREATE TABLE IF NOT EXISTS visit_count_rebuilds (
  id INT NOT NULL PRIMARY KEY
) ENGINE=InnoDB;
INSERT IGNORE INTO visit_count_rebuilds (id) VALUES (1);
