-- The counts of score_answer_counts (0005) summed per whole UTC day, as
-- migrations/sqlite/0008_score_answer_day_counts.sql: bucket_start is the UTC midnight.
CREATE TABLE IF NOT EXISTS score_answer_day_counts (
  metric INT NOT NULL,
  mentioned TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  score INT NOT NULL,
  answers BIGINT NOT NULL,
  -- Score before touchpoint and channel: a figure sums per (day, score), in this order, with
  -- no sort.
  PRIMARY KEY (metric, mentioned, bucket_start, score, touchpoint_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The same summed over every touchpoint and channel (touchpoint_id 0 and channel '' on every
-- row), for figures without those filters.
CREATE TABLE IF NOT EXISTS score_answer_day_totals (
  metric INT NOT NULL,
  mentioned TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  score INT NOT NULL,
  answers BIGINT NOT NULL,
  -- Score before touchpoint and channel: a figure sums per (day, score), in this order, with
  -- no sort.
  PRIMARY KEY (metric, mentioned, bucket_start, score, touchpoint_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The counts kept before this migration. Re-runnable like 0005: DDL commits on its own, so a
-- run cut short before the version is recorded starts the counts over.
DELETE FROM score_answer_day_counts;
DELETE FROM score_answer_day_totals;
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
