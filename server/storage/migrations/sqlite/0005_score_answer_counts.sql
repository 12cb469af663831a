-- The counts behind the satisfaction figures (sql_score_aggregates.h): survey answers and
-- mentioned scores per UTC quarter hour (bucket_start, microseconds since the Unix epoch, a
-- multiple of 15 minutes: every time zone's days are unions of quarter hours), touchpoint (0:
-- none), channel, metric (SurveyMetric), score and whether the score was mentioned in a message
-- (1) or answered to a survey (0). Kept in the transaction of every write that changes them.
CREATE TABLE score_answer_counts (
  metric INTEGER NOT NULL,
  mentioned INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  score INTEGER NOT NULL,
  answers INTEGER NOT NULL,
  -- A figure reads one metric, surveyed or mentioned, over a range of time.
  PRIMARY KEY (metric, mentioned, bucket_start, touchpoint_id, channel, score)
);

-- The answers recorded before this migration. (x % w + w) % w is the floor remainder for times
-- before 1970 too.
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
