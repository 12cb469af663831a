-- Purchases (kind PURCHASE) and the sums behind lifetime value (sql_purchase_aggregates.h).

-- The order of a purchase: its amount in the currency's minor units, its ISO 4217 currency and
-- the seller's order id. NULL on every other interaction.
ALTER TABLE interactions ADD COLUMN purchase_amount_minor_units INTEGER;
ALTER TABLE interactions ADD COLUMN purchase_currency TEXT;
ALTER TABLE interactions ADD COLUMN purchase_order_id TEXT;

-- Each paying customer's purchases in one currency: how many orders, their sum in minor units,
-- and the times (microseconds since the Unix epoch) of the first and last. One row per customer
-- and currency, so the lifetime value over all purchases reads one row per paying customer.
CREATE TABLE customer_purchase_totals (
  currency TEXT NOT NULL,
  customer_id INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  amount_minor_units INTEGER NOT NULL,
  first_purchase_time INTEGER NOT NULL,
  last_purchase_time INTEGER NOT NULL,
  PRIMARY KEY (currency, customer_id)
);

-- The same sums per UTC quarter hour (bucket_start, microseconds, a multiple of 15 minutes, as
-- score_answer_counts), touchpoint (0: none) and channel, for a lifetime value over a range of
-- time, a touchpoint or a channel: summed per customer, they give each customer's sum of the
-- purchases matching the filter exactly.
CREATE TABLE customer_purchase_buckets (
  currency TEXT NOT NULL,
  bucket_start INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  orders INTEGER NOT NULL,
  amount_minor_units INTEGER NOT NULL,
  PRIMARY KEY (currency, bucket_start, customer_id, touchpoint_id, channel)
);

-- The purchases recorded before this migration (none can be: the columns are new; kept so the
-- sums are defined from the interactions whatever ran before).
INSERT INTO customer_purchase_totals
  (currency, customer_id, orders, amount_minor_units, first_purchase_time, last_purchase_time)
SELECT purchase_currency, customer_id, COUNT(*), SUM(purchase_amount_minor_units),
       MIN(occur_time), MAX(occur_time)
FROM interactions WHERE purchase_currency IS NOT NULL
GROUP BY purchase_currency, customer_id;

INSERT INTO customer_purchase_buckets
  (currency, bucket_start, customer_id, touchpoint_id, channel, orders, amount_minor_units)
SELECT purchase_currency,
       occur_time - ((occur_time % 900000000) + 900000000) % 900000000,
       customer_id, COALESCE(touchpoint_id, 0), channel, COUNT(*),
       SUM(purchase_amount_minor_units)
FROM interactions WHERE purchase_currency IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
