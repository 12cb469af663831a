-- Interactions by time, for reads of a period across customers (complaint themes,
-- sql_complaint_texts.h): a range seek instead of a scan of every interaction.
CREATE INDEX interactions_occur_time ON interactions (occur_time);
