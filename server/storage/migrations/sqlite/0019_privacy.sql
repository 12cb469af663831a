-- Erasure (privacy.proto): the suppression list and the count of records it dropped.
-- suppressed_identities holds one keyed hash per erased identity: HMAC-SHA256, under the server's
-- privacy.suppression_key_file, of the normalized identity's kind and value (suppression_list.h).
-- Never the identity itself: the list must not become a register of the people who asked to be
-- forgotten.
CREATE TABLE suppressed_identities (
  fingerprint BLOB NOT NULL PRIMARY KEY,
  create_time INTEGER NOT NULL
);

-- Records a connector read for a suppressed identity: counted and dropped, never stored.
ALTER TABLE connector_states ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;
