-- The first schema: customers and their identities, touchpoints, interactions.
-- Times are int64 microseconds since the Unix epoch; attributes are an encoded map
-- (attributes_codec.h) in a BLOB so any bytes round-trip.

CREATE TABLE customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  display_name TEXT NOT NULL,
  attributes BLOB NOT NULL,
  -- Set when this customer was merged into another; such rows only keep old ids resolvable.
  merged_into INTEGER REFERENCES customers (id),
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE INDEX customers_merged_into ON customers (merged_into);

CREATE TABLE identities (
  kind INTEGER NOT NULL,
  value TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  PRIMARY KEY (kind, value)
);
CREATE INDEX identities_customer ON identities (customer_id);

CREATE TABLE touchpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  stage INTEGER NOT NULL,
  controlled INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);

-- One row per serving channel, in the order given, so "touchpoints served by chat" is a query.
CREATE TABLE touchpoint_channels (
  touchpoint_id INTEGER NOT NULL REFERENCES touchpoints (id),
  position INTEGER NOT NULL,
  channel TEXT NOT NULL,
  PRIMARY KEY (touchpoint_id, position)
);
CREATE INDEX touchpoint_channels_channel ON touchpoint_channels (channel);

CREATE TABLE interactions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  channel TEXT NOT NULL,
  touchpoint_id INTEGER REFERENCES touchpoints (id),
  kind INTEGER NOT NULL,
  direction INTEGER NOT NULL,
  occur_time INTEGER NOT NULL,
  thread_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  duration_us INTEGER NOT NULL,
  source TEXT NOT NULL,
  -- NULL when the source gave no id: such interactions are never deduplicated.
  external_id TEXT,
  survey_metric INTEGER,
  survey_score INTEGER,
  survey_comment TEXT,
  attributes BLOB NOT NULL,
  create_time INTEGER NOT NULL,
  UNIQUE (source, external_id)
);
-- A customer's history, newest first, with the id as tie-breaker for keyset pages.
CREATE INDEX interactions_history ON interactions (customer_id, occur_time DESC, id DESC);
CREATE INDEX interactions_touchpoint ON interactions (touchpoint_id);
