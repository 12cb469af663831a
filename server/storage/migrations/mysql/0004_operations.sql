-- Long-running operations, as migrations/sqlite/0004_operations.sql: one row per piece of long
-- work, with the cursor it resumes from after a restart and how it ended. Times are BIGINT
-- microseconds since the Unix epoch. `cursor` is a reserved word in MySQL and MariaDB, hence the
-- quotes.

CREATE TABLE IF NOT EXISTS operations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- Which work it is ("reassign_touchpoints"); chooses the worker that resumes it.
  kind VARBINARY(255) NOT NULL,
  -- OperationState (operation.h): 1 running, 2 succeeded, 3 failed, 4 cancelled.
  state INT NOT NULL,
  -- 1 once state is not running, so that unfinished operations are found by index.
  done TINYINT NOT NULL,
  -- Opaque bytes owned by the work: where its next batch starts. Empty: from the beginning.
  `cursor` LONGBLOB NOT NULL,
  processed BIGINT NOT NULL,
  total BIGINT NOT NULL,
  changed BIGINT NOT NULL,
  -- absl::StatusCode of the error (0: none) and its message.
  error_code INT NOT NULL,
  error_message LONGTEXT NOT NULL,
  cancel_requested TINYINT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  -- Unfinished operations to resume at start, in id order.
  KEY operations_done (done, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
