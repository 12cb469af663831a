-- Touchpoint rules, the survey's context and mentioned scores on interactions, and which rule
-- chose an interaction's touchpoint.

-- Which interactions belong to a touchpoint; tried in (priority, id) order across all
-- touchpoints (ListTouchpointRules), the first that matches wins.
CREATE TABLE touchpoint_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  touchpoint_id INTEGER NOT NULL REFERENCES touchpoints (id),
  priority INTEGER NOT NULL,
  description TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE INDEX touchpoint_rules_order ON touchpoint_rules (priority, id);
CREATE INDEX touchpoint_rules_touchpoint ON touchpoint_rules (touchpoint_id);

-- A rule's criteria, one row per value of each list, in the order given. `criterion` is the
-- list (RuleCriterion in sql_touchpoint_rules.cc: 1 channels, 2 sources, 3 contacted, 4 words,
-- 5 attributes, 6 survey_touchpoint_tags, 7 kinds); `code` the identity kind of a contacted
-- identity or the interaction kind of a kind, else 0; `name` an attribute's name, else empty;
-- `value` the channel, source, identity value, word, attribute value or tag. BLOBs, so that
-- any bytes round-trip as attributes do.
CREATE TABLE touchpoint_rule_criteria (
  rule_id INTEGER NOT NULL REFERENCES touchpoint_rules (id),
  criterion INTEGER NOT NULL,
  position INTEGER NOT NULL,
  code INTEGER NOT NULL,
  name BLOB NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY (rule_id, criterion, position)
);

-- One row whose revision grows with every change to the rules (in the transaction of the
-- change), so that a cache of the rules knows when to reload them.
CREATE TABLE touchpoint_rules_revision (
  id INTEGER PRIMARY KEY,
  revision INTEGER NOT NULL
);
INSERT INTO touchpoint_rules_revision (id, revision) VALUES (1, 0);

-- Survey answers: the question, the survey's name for where it was asked, and what it rates
-- (a thread, an interaction: no foreign key, the rated interaction may be erased with its
-- customer). NULL when the interaction has no survey.
ALTER TABLE interactions ADD COLUMN survey_question TEXT;
ALTER TABLE interactions ADD COLUMN survey_touchpoint_tag TEXT;
ALTER TABLE interactions ADD COLUMN survey_rated_thread_id TEXT;
ALTER TABLE interactions ADD COLUMN survey_rated_interaction_id INTEGER;
-- A rating written unasked in the message; NULL when none was found.
ALTER TABLE interactions ADD COLUMN mentioned_metric INTEGER;
ALTER TABLE interactions ADD COLUMN mentioned_score INTEGER;
ALTER TABLE interactions ADD COLUMN mentioned_scale INTEGER;
ALTER TABLE interactions ADD COLUMN mentioned_quote TEXT;
-- The rule that chose touchpoint_id; NULL when the caller gave it or no rule matched. No
-- foreign key: a deleted rule's interactions keep their touchpoint (and this id) until a
-- reassignment, which re-evaluates exactly those that have one.
ALTER TABLE interactions ADD COLUMN touchpoint_rule_id INTEGER;
