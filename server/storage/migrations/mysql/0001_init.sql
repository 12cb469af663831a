-- The first schema, as migrations/sqlite/0001_init.sql: customers and their identities,
-- touchpoints, interactions; plus commit_sequence, which only MySQL needs.
-- Times are BIGINT microseconds since the Unix epoch; attributes are an encoded map
-- (attributes_codec.h) in a LONGBLOB so any bytes round-trip.
-- Keys compared for equality (identity values, sources, external ids, channels) are
-- VARBINARY: byte-exact like SQLite, no collation folding case or trailing spaces, and short
-- enough for InnoDB's 3072-byte index keys. Human text is LONGTEXT in utf8mb4_bin.
-- Every statement is re-runnable: MySQL DDL commits implicitly, so a file that fails half-way
-- is simply applied again once fixed.

CREATE TABLE IF NOT EXISTS customers (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  display_name LONGTEXT NOT NULL,
  attributes LONGBLOB NOT NULL,
  -- Set when this customer was merged into another; such rows only keep old ids resolvable.
  merged_into BIGINT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  KEY customers_merged_into (merged_into),
  CONSTRAINT customers_merged_into_fk FOREIGN KEY (merged_into) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS identities (
  kind INT NOT NULL,
  -- 3068 bytes + the 4-byte kind = InnoDB's 3072-byte key limit.
  value VARBINARY(3068) NOT NULL,
  customer_id BIGINT NOT NULL,
  PRIMARY KEY (kind, value),
  KEY identities_customer (customer_id),
  CONSTRAINT identities_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS touchpoints (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  display_name LONGTEXT NOT NULL,
  description LONGTEXT NOT NULL,
  stage INT NOT NULL,
  controlled INT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per serving channel, in the order given, so "touchpoints served by chat" is a query.
CREATE TABLE IF NOT EXISTS touchpoint_channels (
  touchpoint_id BIGINT NOT NULL,
  position INT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  PRIMARY KEY (touchpoint_id, position),
  KEY touchpoint_channels_channel (channel),
  CONSTRAINT touchpoint_channels_touchpoint_fk FOREIGN KEY (touchpoint_id)
    REFERENCES touchpoints (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS interactions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  touchpoint_id BIGINT NULL,
  kind INT NOT NULL,
  direction INT NOT NULL,
  occur_time BIGINT NOT NULL,
  thread_id LONGTEXT NOT NULL,
  subject LONGTEXT NOT NULL,
  body LONGTEXT NOT NULL,
  duration_us BIGINT NOT NULL,
  source VARBINARY(1024) NOT NULL,
  -- NULL when the source gave no id: such interactions are never deduplicated.
  external_id VARBINARY(2048) NULL,
  survey_metric INT NULL,
  survey_score INT NULL,
  survey_comment LONGTEXT NULL,
  attributes LONGBLOB NOT NULL,
  create_time BIGINT NOT NULL,
  UNIQUE KEY interactions_source_external_id (source, external_id),
  -- A customer's history, newest first, with the id as tie-breaker for keyset pages
  -- (InnoDB scans the index backwards for DESC).
  KEY interactions_history (customer_id, occur_time, id),
  KEY interactions_touchpoint (touchpoint_id),
  CONSTRAINT interactions_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT interactions_touchpoint_fk FOREIGN KEY (touchpoint_id) REFERENCES touchpoints (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row, locked (SELECT ... FOR UPDATE) by every write transaction before it inserts an
-- interaction and held until it commits: interaction ids are then handed out in commit
-- order, which ListInteractionsSince (and so WatchInteractions) relies on.
CREATE TABLE IF NOT EXISTS commit_sequence (
  id INT NOT NULL PRIMARY KEY
) ENGINE=InnoDB;
INSERT IGNORE INTO commit_sequence (id) VALUES (1);
