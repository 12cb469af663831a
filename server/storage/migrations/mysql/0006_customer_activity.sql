-- The activity behind churn and retention, as migrations/sqlite/0006_customer_activity.sql:
-- interactions per customer (merged customers' under the survivor), UTC quarter hour
-- (bucket_start, microseconds), channel and touchpoint (0: none). Kept in the transaction of
-- every write that changes them.
CREATE TABLE IF NOT EXISTS customer_activity (
  customer_id BIGINT NOT NULL,
  bucket_start BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  interactions BIGINT NOT NULL,
  -- Whether a customer was seen before a time: a seek per customer.
  PRIMARY KEY (customer_id, bucket_start, channel, touchpoint_id),
  -- Who was active in a range of time; covering, as InnoDB appends the primary key.
  KEY customer_activity_time (bucket_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The interactions recorded before this migration. (x % w + w) % w is the floor remainder for
-- times before 1970 too. Re-runnable like 0005: DDL commits on its own, so a run cut short
-- before the version is recorded starts the activity over.
DELETE FROM customer_activity;
INSERT INTO customer_activity (customer_id, bucket_start, channel, touchpoint_id, interactions)
SELECT customer_id, occur_time - ((occur_time % 900000000) + 900000000) % 900000000, channel,
       COALESCE(touchpoint_id, 0), COUNT(*)
FROM interactions
GROUP BY 1, 2, 3, 4;
