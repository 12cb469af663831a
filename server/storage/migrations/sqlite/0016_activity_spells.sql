-- Spells of activity (sql_activity_spells.h): per scope ('*' every interaction, 'c:<channel>',
-- 't:<touchpoint id>') and customer, runs of activity quarter hours (customer_activity's
-- bucket_start) in which no two neighbours are more than the activity window apart. They
-- depend on the window, recorded in customer_activity_spell_window; the store builds them at
-- open when that row is missing or names another window, so this migration leaves them empty.
CREATE TABLE customer_activity_spells (
  scope TEXT NOT NULL,
  customer_id INTEGER NOT NULL,
  first_bucket INTEGER NOT NULL,
  last_bucket INTEGER NOT NULL,
  -- Churn and retention read one scope, grouped by customer.
  PRIMARY KEY (scope, customer_id, first_bucket)
) WITHOUT ROWID;
-- A customer's spells are built again after each change of their activity.
CREATE INDEX customer_activity_spells_customer ON customer_activity_spells (customer_id);

CREATE TABLE customer_activity_spell_window (
  window_us INTEGER NOT NULL
);
