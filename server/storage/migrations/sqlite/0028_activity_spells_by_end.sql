-- A write adds to a customer's spells that end near its quarter hours (sql_activity_spells.cc,
-- AddToSpells): keyed by customer alone, the index led to every spell of the customer, each then
-- read from the table for its end, so the cost of a write grew with the customer's history.
-- Keyed by customer and end, and carrying the primary key's scope and start, it answers that
-- read by itself and from the first spell that can change.
DROP INDEX customer_activity_spells_customer;
CREATE INDEX customer_activity_spells_customer_end
  ON customer_activity_spells (customer_id, last_bucket);
