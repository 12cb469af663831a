-- Connector leases for several replicas on one database: the fencing token that grows on every
-- takeover of connector_states.lease_owner (a commit carrying an older token is refused), and
-- the operator's wishes that any replica may write and the lease owner carries out (paused; a
-- read asked for at run_request_time), kept apart from `status`, which only the owner writes.
ALTER TABLE connector_states ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connector_states ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connector_states ADD COLUMN run_request_time INTEGER;
UPDATE connector_states SET paused = 1 WHERE status = 3;
