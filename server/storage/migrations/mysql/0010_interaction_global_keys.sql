-- The de-duplication key of channels whose ids are the same wherever a message is read, as
-- migrations/sqlite/0010_interaction_global_keys.sql: "<channel>:<global id>", unique across
-- sources. The channel (at most 32 bytes), ':' and a global id within the field limit.
CREATE TABLE IF NOT EXISTS interaction_global_keys (
  global_key VARBINARY(2080) NOT NULL PRIMARY KEY,
  interaction_id BIGINT NOT NULL,
  KEY interaction_global_keys_interaction (interaction_id),
  CONSTRAINT interaction_global_keys_interaction_fk FOREIGN KEY (interaction_id)
    REFERENCES interactions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
