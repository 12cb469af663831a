-- Interaction ids are now taken from commit_sequence.n by the transaction that inserts them
-- (SqlDialect::reserve_interaction_ids), not from the auto-increment counter, so that they grow
-- in commit order across the nodes of a Galera cluster too. The sequence starts past every id
-- handed out so far. SQLite needs no counterpart: its ids already grow in commit order.
UPDATE commit_sequence SET n = GREATEST(n, (SELECT COALESCE(MAX(id), 0) FROM interactions))
  WHERE id = 1;
