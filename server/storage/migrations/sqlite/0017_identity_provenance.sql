-- Identity provenance and merge suggestions (issue 16, trust). Per identity: who asserted it
-- (source, asserted_by, assert_time: NULL for identities stored before this migration), its
-- highest trust (model.h's IdentityTrust: 0 unknown, 1 claimed, 2 verified) and how many
-- customers it has joined (its owner included), which the guardrail bounds.
ALTER TABLE identities ADD COLUMN source TEXT;
ALTER TABLE identities ADD COLUMN asserted_by TEXT;
ALTER TABLE identities ADD COLUMN assert_time INTEGER;
ALTER TABLE identities ADD COLUMN trust INTEGER NOT NULL DEFAULT 0;
ALTER TABLE identities ADD COLUMN joined_customers INTEGER NOT NULL DEFAULT 1;

-- Merges the trust policy suggested instead of making (merge_suggestion.proto). `state`,
-- `reason` and `identity_trust` are model.h's enums; decide_time is NULL while open.
CREATE TABLE merge_suggestions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  state INTEGER NOT NULL,
  reason INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  other_customer_id INTEGER NOT NULL,
  identity_kind INTEGER NOT NULL,
  identity_value TEXT NOT NULL,
  identity_trust INTEGER NOT NULL,
  source TEXT NOT NULL,
  asserted_by TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  decide_time INTEGER
);
-- A repeated claim finds the suggestion it made before.
CREATE INDEX merge_suggestions_identity ON merge_suggestions (identity_kind, identity_value);
-- List by state.
CREATE INDEX merge_suggestions_state ON merge_suggestions (state, id);
