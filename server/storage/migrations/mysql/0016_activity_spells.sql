-- Spells of activity, as migrations/sqlite/0016_activity_spells.sql: per scope and customer,
-- runs of activity quarter hours no more than the activity window apart; built by the store at
-- open for its window (recorded in customer_activity_spell_window).
CREATE TABLE IF NOT EXISTS customer_activity_spells (
  scope VARBINARY(1100) NOT NULL,
  customer_id BIGINT NOT NULL,
  first_bucket BIGINT NOT NULL,
  last_bucket BIGINT NOT NULL,
  -- Churn and retention read one scope, grouped by customer.
  PRIMARY KEY (scope, customer_id, first_bucket),
  -- A customer's spells are built again after each change of their activity.
  KEY customer_activity_spells_customer (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS customer_activity_spell_window (
  window_us BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
