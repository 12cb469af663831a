-- The activity behind churn and retention (sql_customer_activity.h): interactions per customer
-- (merged customers' under the survivor), UTC quarter hour (bucket_start, microseconds since the
-- Unix epoch, a multiple of 15 minutes), channel and touchpoint (0: none). Kept in the
-- transaction of every write that changes them.
CREATE TABLE customer_activity (
  customer_id INTEGER NOT NULL,
  bucket_start INTEGER NOT NULL,
  channel TEXT NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  interactions INTEGER NOT NULL,
  -- Whether a customer was seen before a time: a seek per customer.
  PRIMARY KEY (customer_id, bucket_start, channel, touchpoint_id)
) WITHOUT ROWID;
-- Who was active in a range of time; covering, as it holds the primary key.
CREATE INDEX customer_activity_time ON customer_activity (bucket_start);

-- The interactions recorded before this migration. (x % w + w) % w is the floor remainder for
-- times before 1970 too.
INSERT INTO customer_activity (customer_id, bucket_start, channel, touchpoint_id, interactions)
SELECT customer_id, occur_time - ((occur_time % 900000000) + 900000000) % 900000000, channel,
       COALESCE(touchpoint_id, 0), COUNT(*)
FROM interactions
GROUP BY 1, 2, 3, 4;
