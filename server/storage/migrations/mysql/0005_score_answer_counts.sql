-- The counts behind the satisfaction figures, as migrations/sqlite/0005_score_answer_counts.sql:
-- survey answers and mentioned scores per UTC quarter hour (bucket_start, microseconds), touchpoint
-- (0: none), channel, metric, score and mentioned (1) or answered (0). Kept in the transaction of
-- every write that changes them.
CREATE TABLE IF NOT EXISTS score_answer_counts (
  metric INT NOT NULL,
  mentioned TINYINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  score INT NOT NULL,
  answers BIGINT NOT NULL,
  -- A figure reads one metric, surveyed or mentioned, over a range of time.
  PRIMARY KEY (metric, mentioned, bucket_start, touchpoint_id, channel, score)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The answers recorded before this migration. (x % w + w) % w is the floor remainder for times
-- before 1970 too. Re-runnable like 0001: DDL commits on its own, so a run cut short before the
-- version is recorded starts the counts over.
DELETE FROM score_answer_counts;
INSERT INTO score_answer_counts
  (metric, mentioned, bucket_start, touchpoint_id, channel, score, answers)
SELECT metric, mentioned,
       occur_time - ((occur_time % 900000000) + 900000000) % 900000000,
       touchpoint_id, channel, score, COUNT(*)
FROM (
  SELECT survey_metric AS metric, 0 AS mentioned, occur_time,
         COALESCE(touchpoint_id, 0) AS touchpoint_id, channel, survey_score AS score
  FROM interactions WHERE survey_metric IS NOT NULL
  UNION ALL
  SELECT mentioned_metric, 1, occur_time, COALESCE(touchpoint_id, 0), channel, mentioned_score
  FROM interactions WHERE mentioned_metric IS NOT NULL
) answers
GROUP BY 1, 2, 3, 4, 5, 6;
