-- Connector leases, as migrations/sqlite/0022_connector_leases.sql: the fencing token of
-- lease_owner, and the operator's wishes (paused, run_request_time) that any replica may write.
ALTER TABLE connector_states ADD COLUMN IF NOT EXISTS lease_token BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS paused TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS run_request_time BIGINT NULL;
UPDATE connector_states SET paused = 1 WHERE status = 3;

-- commit_sequence is now written, not only locked, by every transaction that inserts
-- interactions: a row lock is local to one Galera node, while a write is certified across the
-- cluster, so two nodes' inserting transactions are serialized there too (one is aborted and
-- rerun), and interaction ids keep growing in commit order on every node.
ALTER TABLE commit_sequence ADD COLUMN IF NOT EXISTS n BIGINT NOT NULL DEFAULT 0;
