-- The de-duplication key of channels whose ids are the same wherever a message is read (an
-- email's Message-ID): "<channel>:<global id>", unique across sources, so a mail read from two
-- mailboxes by two connector instances is recorded once. (source, external_id) stays the key
-- within one source. A table beside interactions rather than a column, so that the MySQL
-- migration can be re-run as it must (CREATE TABLE IF NOT EXISTS).
CREATE TABLE interaction_global_keys (
  global_key TEXT NOT NULL PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions (id)
);
CREATE INDEX interaction_global_keys_interaction ON interaction_global_keys (interaction_id);
