-- The visits per UTC quarter hour, intent and channel over every touchpoint: the quarter hours a
-- figure at any touchpoint reads (a series in a time zone other than UTC reads some of every
-- day's) come in about a quarter of the rows of visit_intent_counts. Filled from those counts,
-- over everyone and per segment; re-runnable (each fill starts from an empty table).
CREATE TABLE IF NOT EXISTS visit_intent_quarter_totals (
  bucket_start BIGINT NOT NULL,
  intent TINYINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  visits BIGINT NOT NULL,
  PRIMARY KEY (bucket_start, intent, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
DELETE FROM visit_intent_quarter_totals;
INSERT INTO visit_intent_quarter_totals (bucket_start, intent, channel, visits)
  SELECT bucket_start, intent, channel, SUM(visits) FROM visit_intent_counts
  GROUP BY bucket_start, intent, channel;
CREATE TABLE IF NOT EXISTS segment_visit_intent_quarter_totals (
  segment_id BIGINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  intent TINYINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  visits BIGINT NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, intent, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
DELETE FROM segment_visit_intent_quarter_totals;
INSERT INTO segment_visit_intent_quarter_totals (segment_id, bucket_start, intent, channel, visits)
  SELECT segment_id, bucket_start, intent, channel, SUM(visits) FROM segment_visit_intent_counts
  GROUP BY segment_id, bucket_start, intent, channel;
