-- The quarter-hour visit counts (0020) keyed touchpoint first. Since 0025 they are read only for
-- a figure at one touchpoint, whose quarter hours (a series in a time zone other than UTC reads
-- some of every day's) then come from one run of the key per day rather than every
-- touchpoint's rows at each quarter hour. SQLite cannot change a primary key in place: the
-- tables are copied.
CREATE TABLE visit_intent_counts_by_touchpoint (
  touchpoint_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  intent INTEGER NOT NULL,
  channel TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (touchpoint_id, bucket_start, intent, channel)
);
INSERT INTO visit_intent_counts_by_touchpoint (touchpoint_id, bucket_start, intent, channel, visits)
  SELECT touchpoint_id, bucket_start, intent, channel, visits FROM visit_intent_counts;
DROP TABLE visit_intent_counts;
ALTER TABLE visit_intent_counts_by_touchpoint RENAME TO visit_intent_counts;
CREATE TABLE segment_visit_intent_counts_by_touchpoint (
  segment_id INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  intent INTEGER NOT NULL,
  channel TEXT NOT NULL,
  visits INTEGER NOT NULL,
  PRIMARY KEY (segment_id, touchpoint_id, bucket_start, intent, channel)
);
INSERT INTO segment_visit_intent_counts_by_touchpoint
  (segment_id, touchpoint_id, bucket_start, intent, channel, visits)
  SELECT segment_id, touchpoint_id, bucket_start, intent, channel, visits
  FROM segment_visit_intent_counts;
DROP TABLE segment_visit_intent_counts;
ALTER TABLE segment_visit_intent_counts_by_touchpoint RENAME TO segment_visit_intent_counts;
