-- The visit value totals (0021) per UTC month as well: each day's rows summed into its month's
-- (bucket_start the month's first midnight), listed or not as they were on the day, so that a
-- figure over a year reads twelve months of rows rather than 365 days (where a dimension has
-- more values than a day lists, a month holds about half its days' rows; with values that recur
-- from day to day, far fewer). Filled from the day totals, over everyone and per segment.
CREATE TABLE visit_intent_value_month_totals (
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
INSERT INTO visit_intent_value_month_totals
  (bucket_start, dimension, channel, listed, value, visits, transactional_visits,
   informational_visits)
  SELECT CAST(strftime('%s', bucket_start / 1000000, 'unixepoch', 'start of month') AS INTEGER)
           * 1000000 AS month, dimension, channel, listed, value, SUM(visits),
         SUM(transactional_visits), SUM(informational_visits)
  FROM visit_intent_value_totals GROUP BY month, dimension, channel, listed, value;
CREATE TABLE segment_visit_intent_value_month_totals (
  segment_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  dimension INTEGER NOT NULL,
  channel TEXT NOT NULL,
  listed INTEGER NOT NULL,
  value TEXT NOT NULL,
  visits INTEGER NOT NULL,
  transactional_visits INTEGER NOT NULL,
  informational_visits INTEGER NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, dimension, channel, listed, value)
);
INSERT INTO segment_visit_intent_value_month_totals
  (segment_id, bucket_start, dimension, channel, listed, value, visits, transactional_visits,
   informational_visits)
  SELECT segment_id,
         CAST(strftime('%s', bucket_start / 1000000, 'unixepoch', 'start of month') AS INTEGER)
           * 1000000 AS month, dimension, channel, listed, value, SUM(visits),
         SUM(transactional_visits), SUM(informational_visits)
  FROM segment_visit_intent_value_totals
  GROUP BY segment_id, month, dimension, channel, listed, value;
