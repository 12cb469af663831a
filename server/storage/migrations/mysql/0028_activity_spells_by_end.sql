-- Spells indexed by customer and end, as migrations/sqlite/0028_activity_spells_by_end.sql
-- (InnoDB's secondary index carries the primary key too); re-runnable.
ALTER TABLE customer_activity_spells
  DROP INDEX IF EXISTS customer_activity_spells_customer,
  ADD INDEX IF NOT EXISTS customer_activity_spells_customer_end (customer_id, last_bucket);
