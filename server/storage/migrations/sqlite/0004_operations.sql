-- Long-running operations (AIP-151, google.longrunning.Operation): one row per piece of long
-- work, with the cursor it resumes from after a restart and how it ended.
-- Times are int64 microseconds since the Unix epoch.

CREATE TABLE operations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- Which work it is ("reassign_touchpoints"); chooses the worker that resumes it.
  kind TEXT NOT NULL,
  -- OperationState (operation.h): 1 running, 2 succeeded, 3 failed, 4 cancelled.
  state INTEGER NOT NULL,
  -- 1 once state is not running, so that unfinished operations are found by index.
  done INTEGER NOT NULL,
  -- Opaque bytes owned by the work: where its next batch starts. Empty: from the beginning.
  cursor BLOB NOT NULL,
  processed INTEGER NOT NULL,
  total INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  -- absl::StatusCode of the error (0: none) and its message.
  error_code INTEGER NOT NULL,
  error_message TEXT NOT NULL,
  cancel_requested INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
-- Unfinished operations to resume at start, in id order.
CREATE INDEX operations_done ON operations (done, id);
