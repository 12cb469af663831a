-- The visits per value of each dimension the intent figures break visits down by (1 referrer
-- type, 2 referrer name, 3 search keyword, 4 entry page), per whole UTC day, touchpoint and
-- channel, with the intents as columns (none: visits less the other two). Only the first
-- kVisitValuesListedPerDay distinct values of a dimension on a day (listed = 1, in
-- visit_intent_listed_values) have rows of their own; that day's other visits count in the
-- rows with listed = 0 and value '', so the rows per day stay bounded whatever the values
-- (one per visit, before) and the totals stay exact. Replaces the dimension rows of
-- visit_intent_day_counts (0020), which keeps dimension 0 (every visit) only.
CREATE TABLE visit_intent_value_counts (
  bucket_start INTEGER NOT NULL,
  dimension INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  listed INTEGER NOT NULL,
  value TEXT NOT NULL,
  visits INTEGER NOT NULL,
  transactional_visits INTEGER NOT NULL,
  informational_visits INTEGER NOT NULL,
  PRIMARY KEY (bucket_start, dimension, touchpoint_id, channel, listed, value)
);

-- The same summed over every touchpoint (per channel), for the figures without a touchpoint
-- filter: a fraction of the rows.
CREATE TABLE visit_intent_value_totals (
  bucket_start INTEGER NOT NULL,
  dimension INTEGER NOT NULL,
  channel TEXT NOT NULL,
  listed INTEGER NOT NULL,
  value TEXT NOT NULL,
  visits INTEGER NOT NULL,
  transactional_visits INTEGER NOT NULL,
  informational_visits INTEGER NOT NULL,
  PRIMARY KEY (bucket_start, dimension, channel, listed, value)
);

-- The values listed per (dimension, UTC day), first come; never removed, so that a visit is
-- taken out of the row it was counted in.
CREATE TABLE visit_intent_listed_values (
  dimension INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (dimension, bucket_start, value)
);

-- A row here makes the store recount every visit when it opens (SqlVisitAggregates::
-- RecountAll): visits recorded before 0020 have no visit_intent yet (it is read from their
-- attributes), and the value rows start empty.
CREATE TABLE visit_count_rebuilds (id INTEGER PRIMARY KEY);
INSERT INTO visit_count_rebuilds (id) VALUES (1);
