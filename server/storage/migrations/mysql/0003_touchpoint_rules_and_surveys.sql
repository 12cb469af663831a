-- Touchpoint rules, the survey's context and mentioned scores on interactions, and which rule
-- chose an interaction's touchpoint, as migrations/sqlite/0003_touchpoint_rules_and_surveys.sql
-- (which explains each table and column).
-- Re-runnable like 0001: the tables are created IF NOT EXISTS, the revision row INSERT IGNOREd,
-- and the columns are added by the last statement, one ALTER TABLE that InnoDB applies whole
-- or not at all.

CREATE TABLE IF NOT EXISTS touchpoint_rules (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  touchpoint_id BIGINT NOT NULL,
  priority INT NOT NULL,
  description LONGTEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  -- ListTouchpointRules: every rule in the order they are tried.
  KEY touchpoint_rules_order (priority, id),
  KEY touchpoint_rules_touchpoint (touchpoint_id),
  CONSTRAINT touchpoint_rules_touchpoint_fk FOREIGN KEY (touchpoint_id)
    REFERENCES touchpoints (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS touchpoint_rule_criteria (
  rule_id BIGINT NOT NULL,
  criterion INT NOT NULL,
  position INT NOT NULL,
  code INT NOT NULL,
  name LONGBLOB NOT NULL,
  value LONGBLOB NOT NULL,
  PRIMARY KEY (rule_id, criterion, position),
  CONSTRAINT touchpoint_rule_criteria_rule_fk FOREIGN KEY (rule_id)
    REFERENCES touchpoint_rules (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS touchpoint_rules_revision (
  id INT NOT NULL PRIMARY KEY,
  revision BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT IGNORE INTO touchpoint_rules_revision (id, revision) VALUES (1, 0);

ALTER TABLE interactions
  ADD COLUMN IF NOT EXISTS survey_question LONGTEXT NULL,
  ADD COLUMN IF NOT EXISTS survey_touchpoint_tag LONGTEXT NULL,
  ADD COLUMN IF NOT EXISTS survey_rated_thread_id LONGTEXT NULL,
  ADD COLUMN IF NOT EXISTS survey_rated_interaction_id BIGINT NULL,
  ADD COLUMN IF NOT EXISTS mentioned_metric INT NULL,
  ADD COLUMN IF NOT EXISTS mentioned_score INT NULL,
  ADD COLUMN IF NOT EXISTS mentioned_scale INT NULL,
  ADD COLUMN IF NOT EXISTS mentioned_quote LONGTEXT NULL,
  ADD COLUMN IF NOT EXISTS touchpoint_rule_id BIGINT NULL;
