-- Identity provenance and merge suggestions, as migrations/sqlite/0017_identity_provenance.sql.
ALTER TABLE identities
  ADD COLUMN IF NOT EXISTS source LONGTEXT NULL,
  ADD COLUMN IF NOT EXISTS asserted_by LONGTEXT NULL,
  ADD COLUMN IF NOT EXISTS assert_time BIGINT NULL,
  ADD COLUMN IF NOT EXISTS trust INT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS joined_customers BIGINT NOT NULL DEFAULT 1;

CREATE TABLE IF NOT EXISTS merge_suggestions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  state INT NOT NULL,
  reason INT NOT NULL,
  customer_id BIGINT NOT NULL,
  other_customer_id BIGINT NOT NULL,
  identity_kind INT NOT NULL,
  identity_value VARBINARY(3068) NOT NULL,
  identity_trust INT NOT NULL,
  source LONGTEXT NOT NULL,
  asserted_by LONGTEXT NOT NULL,
  create_time BIGINT NOT NULL,
  decide_time BIGINT NULL,
  KEY merge_suggestions_identity (identity_kind, identity_value),
  KEY merge_suggestions_state (state, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
