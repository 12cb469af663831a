-- The audit log, as migrations/sqlite/0009_audit_entries.sql: one row per finished admin
-- action or change to a customer, never updated or deleted through the API. call_time is BIGINT
-- microseconds since the Unix epoch; status_code the canonical code.
CREATE TABLE IF NOT EXISTS audit_entries (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_name VARBINARY(1024) NOT NULL,
  method VARBINARY(1024) NOT NULL,
  resource VARBINARY(1024) NOT NULL,
  call_time BIGINT NOT NULL,
  status_code INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
