-- The counts of score_answer_counts (0005) summed per whole UTC day: bucket_start is the UTC
-- midnight (microseconds, a multiple of 24 hours), the other columns as there. A figure over a
-- long range reads its whole UTC days here and only the quarter hours at its ends (and around a
-- time zone's midnights) from score_answer_counts. Kept in the same transactions.
CREATE TABLE score_answer_day_counts (
  metric INTEGER NOT NULL,
  mentioned INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  score INTEGER NOT NULL,
  answers INTEGER NOT NULL,
  -- Score before touchpoint and channel: a figure sums per (day, score), in this order, with
  -- no sort.
  PRIMARY KEY (metric, mentioned, bucket_start, score, touchpoint_id, channel)
);

-- The same summed over every touchpoint and channel (touchpoint_id 0 and channel '' on every
-- row), for figures without those filters.
CREATE TABLE score_answer_day_totals (
  metric INTEGER NOT NULL,
  mentioned INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  score INTEGER NOT NULL,
  answers INTEGER NOT NULL,
  -- Score before touchpoint and channel: a figure sums per (day, score), in this order, with
  -- no sort.
  PRIMARY KEY (metric, mentioned, bucket_start, score, touchpoint_id, channel)
);

-- The counts kept before this migration. (x % w + w) % w is the floor remainder for times
-- before 1970 too.
INSERT INTO score_answer_day_counts
  (metric, mentioned, bucket_start, touchpoint_id, channel, score, answers)
SELECT metric, mentioned,
       bucket_start - ((bucket_start % 86400000000) + 86400000000) % 86400000000,
       touchpoint_id, channel, score, SUM(answers)
FROM score_answer_counts
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO score_answer_day_totals
  (metric, mentioned, bucket_start, touchpoint_id, channel, score, answers)
SELECT metric, mentioned,
       bucket_start - ((bucket_start % 86400000000) + 86400000000) % 86400000000,
       0, '', score, SUM(answers)
FROM score_answer_counts
GROUP BY 1, 2, 3, 6;
