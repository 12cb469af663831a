-- The connector host's state: one row per connector instance (its committed cursor, how its
-- last run went, its counters, and a lease for multi-replica ownership), and the dead letters
-- its plugins or its normalization could not turn into interactions.
-- Times are int64 microseconds since the Unix epoch, NULL where "never".

CREATE TABLE connector_states (
  -- The instance name from the server config (ConnectorInstance.name).
  name TEXT PRIMARY KEY,
  -- Opaque bytes owned by the plugin: where the next read resumes. Empty: from the start.
  cursor BLOB NOT NULL,
  -- When the cursor was last committed.
  cursor_time INTEGER,
  -- ConnectorStatus (store.h): 1 idle, 2 running, 3 paused, 4 failed, 5 stalled.
  status INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  last_run_time INTEGER,
  records_in INTEGER NOT NULL,
  dead_lettered INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  -- The replica that owns the instance until lease_expire_time. Not used by a single
  -- replica yet; the columns exist so that multi-replica ownership needs no new migration.
  lease_owner TEXT,
  lease_expire_time INTEGER,
  update_time INTEGER NOT NULL
);

CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  connector TEXT NOT NULL,
  reason TEXT NOT NULL,
  -- DeadLetterPayload (store.h): 1 raw source bytes from the plugin, 2 a serialized
  -- cxhub.connector.v1.Record the host could not ingest (can be retried).
  payload INTEGER NOT NULL,
  raw BLOB NOT NULL,
  create_time INTEGER NOT NULL,
  retry_count INTEGER NOT NULL
);
-- ListDeadLetters of one connector, in id order.
CREATE INDEX dead_letters_connector ON dead_letters (connector, id);
