-- The merge ledger, as migrations/sqlite/0018_merge_ledger.sql (which explains each table and
-- column). Re-runnable like 0003: the tables are created IF NOT EXISTS, and the column is added
-- by the last statement, one ALTER TABLE that InnoDB applies whole or not at all.
CREATE TABLE IF NOT EXISTS merges (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind INT NOT NULL,
  survivor_id BIGINT NOT NULL,
  merged_id BIGINT NOT NULL,
  cause_identity_kind INT NOT NULL,
  cause_identity_value VARBINARY(3068) NOT NULL,
  cause_source VARBINARY(1024) NOT NULL,
  cause_external_id VARBINARY(1024) NOT NULL,
  cause_method VARBINARY(1024) NOT NULL,
  actor VARBINARY(1024) NOT NULL,
  merge_time BIGINT NOT NULL,
  undone_by BIGINT NULL,
  undoes BIGINT NULL,
  merged_display_name LONGTEXT NOT NULL,
  merged_attributes LONGBLOB NOT NULL,
  survivor_display_name LONGTEXT NOT NULL,
  survivor_attributes LONGBLOB NOT NULL,
  last_interaction_id BIGINT NOT NULL,
  KEY merges_survivor (survivor_id, id),
  KEY merges_merged (merged_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS merge_identities (
  merge_id BIGINT NOT NULL,
  kind INT NOT NULL,
  value VARBINARY(3060) NOT NULL,
  PRIMARY KEY (merge_id, kind, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS merge_interactions (
  merge_id BIGINT NOT NULL,
  interaction_id BIGINT NOT NULL,
  PRIMARY KEY (merge_id, interaction_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS merge_absorbed_customers (
  merge_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  PRIMARY KEY (merge_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE interactions ADD COLUMN IF NOT EXISTS recorded_identities LONGBLOB NULL;
