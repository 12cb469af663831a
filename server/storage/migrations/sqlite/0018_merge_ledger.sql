-- The merge ledger (server/core/merge_entry.h): one row per merge of two customers and per
-- unmerge, never deleted by a merge or an unmerge. Times are int64 microseconds since the Unix
-- epoch; attributes are encoded maps (attributes_codec.h). Customer ids are not foreign keys:
-- the ledger outlives merged-away customers.
CREATE TABLE merges (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- 1 merge, 2 unmerge (MergeKind).
  kind INTEGER NOT NULL,
  survivor_id INTEGER NOT NULL,
  merged_id INTEGER NOT NULL,
  -- Why: the identity that joined them (kind 0: none), the record that carried it, or the
  -- API method; by whom: a token or connector name. Empty: unknown or not applicable.
  cause_identity_kind INTEGER NOT NULL,
  cause_identity_value TEXT NOT NULL,
  cause_source TEXT NOT NULL,
  cause_external_id TEXT NOT NULL,
  cause_method TEXT NOT NULL,
  actor TEXT NOT NULL,
  merge_time INTEGER NOT NULL,
  -- A merge: the unmerge that undid it (NULL while it stands); an unmerge: the merge it undid.
  undone_by INTEGER,
  undoes INTEGER,
  -- Both sides as they were before the merge, to restore them.
  merged_display_name TEXT NOT NULL,
  merged_attributes BLOB NOT NULL,
  survivor_display_name TEXT NOT NULL,
  survivor_attributes BLOB NOT NULL,
  -- The largest interaction id at the merge: interactions above it were recorded since.
  last_interaction_id INTEGER NOT NULL
);
-- A customer's merges, newest first, on either side.
CREATE INDEX merges_survivor ON merges (survivor_id, id);
CREATE INDEX merges_merged ON merges (merged_id, id);

-- What belonged to the merged side at the merge: its identities, its interactions, and the
-- customers merged into it before (whose rows the merge re-pointed at the survivor).
CREATE TABLE merge_identities (
  merge_id INTEGER NOT NULL REFERENCES merges (id),
  kind INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (merge_id, kind, value)
) WITHOUT ROWID;
CREATE TABLE merge_interactions (
  merge_id INTEGER NOT NULL REFERENCES merges (id),
  interaction_id INTEGER NOT NULL,
  PRIMARY KEY (merge_id, interaction_id)
) WITHOUT ROWID;
CREATE TABLE merge_absorbed_customers (
  merge_id INTEGER NOT NULL REFERENCES merges (id),
  customer_id INTEGER NOT NULL,
  PRIMARY KEY (merge_id, customer_id)
) WITHOUT ROWID;

-- The normalized identities a record named (encoded like attributes, "<kind>:<value>" keys),
-- which is where an unmerge sends an interaction recorded after the merge. NULL for
-- interactions recorded by customer id, and for those recorded before this migration.
ALTER TABLE interactions ADD COLUMN recorded_identities BLOB;
