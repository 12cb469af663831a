-- Purchases and the sums behind lifetime value, as migrations/sqlite/0007_purchases.sql (which
-- explains each table and column). Re-runnable like 0003: the tables are created IF NOT EXISTS
-- and emptied, and the columns are added by one ALTER TABLE that InnoDB applies whole or not at
-- all, before the sums are filled from the interactions.

CREATE TABLE IF NOT EXISTS customer_purchase_totals (
  currency VARBINARY(3) NOT NULL,
  customer_id BIGINT NOT NULL,
  orders BIGINT NOT NULL,
  amount_minor_units BIGINT NOT NULL,
  first_purchase_time BIGINT NOT NULL,
  last_purchase_time BIGINT NOT NULL,
  PRIMARY KEY (currency, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS customer_purchase_buckets (
  currency VARBINARY(3) NOT NULL,
  bucket_start BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  touchpoint_id BIGINT NOT NULL,
  channel VARBINARY(1024) NOT NULL,
  orders BIGINT NOT NULL,
  amount_minor_units BIGINT NOT NULL,
  PRIMARY KEY (currency, bucket_start, customer_id, touchpoint_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE interactions
  ADD COLUMN IF NOT EXISTS purchase_amount_minor_units BIGINT NULL,
  ADD COLUMN IF NOT EXISTS purchase_currency VARBINARY(3) NULL,
  ADD COLUMN IF NOT EXISTS purchase_order_id LONGTEXT NULL;

DELETE FROM customer_purchase_totals;
INSERT INTO customer_purchase_totals
  (currency, customer_id, orders, amount_minor_units, first_purchase_time, last_purchase_time)
SELECT purchase_currency, customer_id, COUNT(*), SUM(purchase_amount_minor_units),
       MIN(occur_time), MAX(occur_time)
FROM interactions WHERE purchase_currency IS NOT NULL
GROUP BY purchase_currency, customer_id;

DELETE FROM customer_purchase_buckets;
INSERT INTO customer_purchase_buckets
  (currency, bucket_start, customer_id, touchpoint_id, channel, orders, amount_minor_units)
SELECT purchase_currency,
       occur_time - ((occur_time % 900000000) + 900000000) % 900000000,
       customer_id, COALESCE(touchpoint_id, 0), channel, COUNT(*),
       SUM(purchase_amount_minor_units)
FROM interactions WHERE purchase_currency IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
