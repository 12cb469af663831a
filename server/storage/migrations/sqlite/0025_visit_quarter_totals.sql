-- The visits per UTC quarter hour, intent and channel over every touchpoint: the quarter hours a
-- figure at any touchpoint reads (a series in a time zone other than UTC reads some of every
-- day's) come in about a quarter of the rows of visit_intent_counts. Filled from those counts,
-- over everyone and per segment.
CREATE TABLE visit_intent_quarter_totals (
  bucket_start INTEGER NOT NULL,
  intent INTEGER NOT NULL,
  channel TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (bucket_start, intent, channel)
);
INSERT INTO visit_intent_quarter_totals (bucket_start, intent, channel, visits)
  SELECT bucket_start, intent, channel, SUM(visits) FROM visit_intent_counts
  GROUP BY bucket_start, intent, channel;
CREATE TABLE segment_visit_intent_quarter_totals (
  segment_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  intent INTEGER NOT NULL,
  channel TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (segment_id, bucket_start, intent, channel)
);
INSERT INTO segment_visit_intent_quarter_totals (segment_id, bucket_start, intent, channel, visits)
  SELECT segment_id, bucket_start, intent, channel, SUM(visits) FROM segment_visit_intent_counts
  GROUP BY segment_id, bucket_start, intent, channel;
