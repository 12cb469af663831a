-- Interactions by time, as migrations/sqlite/0012_interactions_time.sql. Re-runnable: DDL
-- commits on its own, so IF NOT EXISTS (MariaDB) lets a run cut short start again.
CREATE INDEX IF NOT EXISTS interactions_occur_time ON interactions (occur_time);
