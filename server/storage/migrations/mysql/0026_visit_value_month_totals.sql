-- The visit value totals per UTC month, as migrations/sqlite/0026_visit_value_month_totals.sql;
-- re-runnable (each fill starts from an empty table). The month is computed on DATETIME values,
-- not FROM_UNIXTIME, which would read the session's time zone.
CREATE TABLE IF NOT EXISTS visit_intent_value_month_totals (
  bucket_start BIGINT NOT NULL,
  dimension TINYINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  listed TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  transactional_visits BIGINT NOT NULL,
  informational_visits BIGINT NOT NULL,
  PRIMARY KEY (bucket_start, dimension, channel, listed, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
DELETE FROM visit_intent_value_month_totals;
INSERT INTO visit_intent_value_month_totals
  (bucket_start, dimension, channel, listed, value, visits, transactional_visits,
   informational_visits)
  SELECT TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00',
           DATE_FORMAT('1970-01-01' + INTERVAL bucket_start DIV 1000000 SECOND, '%Y-%m-01'))
           * 1000000 AS month, dimension, channel, listed, value, SUM(visits),
         SUM(transactional_visits), SUM(informational_visits)
  FROM visit_intent_value_totals GROUP BY month, dimension, channel, listed, value;
CREATE TABLE IF NOT EXISTS segment_visit_intent_value_month_totals (
  segment_id BIGINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  dimension TINYINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  listed TINYINT NOT NULL,
  value VARBINARY(200) NOT NULL,
  visits BIGINT NOT NULL,
  transactional_visits BIGINT NOT NULL,
  informational_visits BIGINT NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, dimension, channel, listed, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
DELETE FROM segment_visit_intent_value_month_totals;
INSERT INTO segment_visit_intent_value_month_totals
  (segment_id, bucket_start, dimension, channel, listed, value, visits, transactional_visits,
   informational_visits)
  SELECT segment_id,
         TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00',
           DATE_FORMAT('1970-01-01' + INTERVAL bucket_start DIV 1000000 SECOND, '%Y-%m-01'))
           * 1000000 AS month, dimension, channel, listed, value, SUM(visits),
         SUM(transactional_visits), SUM(informational_visits)
  FROM segment_visit_intent_value_totals
  GROUP BY segment_id, month, dimension, channel, listed, value;
