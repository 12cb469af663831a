-- The connector host's state, as migrations/sqlite/0002_connectors.sql: one row per connector
-- instance and the dead letters its plugins or its normalization could not turn into
-- interactions. Times are BIGINT microseconds since the Unix epoch, NULL where "never".
-- `cursor` is a reserved word in MySQL and MariaDB, hence the quotes.

CREATE TABLE IF NOT EXISTS connector_states (
  -- The instance name from the server config (ConnectorInstance.name).
  name VARBINARY(1024) NOT NULL PRIMARY KEY,
  -- Opaque bytes owned by the plugin: where the next read resumes. Empty: from the start.
  `cursor` LONGBLOB NOT NULL,
  cursor_time BIGINT NULL,
  -- ConnectorStatus (store.h): 1 idle, 2 running, 3 paused, 4 failed, 5 stalled.
  status INT NOT NULL,
  last_error LONGTEXT NOT NULL,
  last_run_time BIGINT NULL,
  records_in BIGINT NOT NULL,
  dead_lettered BIGINT NOT NULL,
  errors BIGINT NOT NULL,
  skipped BIGINT NOT NULL,
  lease_owner VARBINARY(1024) NULL,
  lease_expire_time BIGINT NULL,
  update_time BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS dead_letters (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  connector VARBINARY(1024) NOT NULL,
  reason LONGTEXT NOT NULL,
  -- DeadLetterPayload (store.h): 1 raw source bytes from the plugin, 2 a serialized
  -- cxhub.connector.v1.Record the host could not ingest (can be retried).
  payload INT NOT NULL,
  raw LONGBLOB NOT NULL,
  create_time BIGINT NOT NULL,
  retry_count INT NOT NULL,
  -- ListDeadLetters of one connector, in id order.
  KEY dead_letters_connector (connector, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
