-- Erasure, as migrations/sqlite/0019_privacy.sql: the suppression list (one HMAC-SHA256 of a
-- normalized identity per erased identity, never the identity) and the count of connector
-- records it dropped.
CREATE TABLE IF NOT EXISTS suppressed_identities (
  fingerprint VARBINARY(32) NOT NULL PRIMARY KEY,
  create_time BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE connector_states ADD COLUMN IF NOT EXISTS suppressed BIGINT NOT NULL DEFAULT 0;
