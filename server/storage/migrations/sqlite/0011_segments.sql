-- Segments: saved rules over customers (SegmentService). Membership is evaluated on demand from
-- the interactions and customers (sql_segment_members.h), so nothing here changes with a write
-- of an interaction.

CREATE TABLE segments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);

-- A segment's conditions, in the order given; `kind` is SegmentConditionKind and says which
-- columns it reads (model.h's SegmentCondition): attribute_key and attribute_value (BLOBs, so
-- any bytes round-trip as attributes do), channel, touchpoint_id (0: any), interaction_kind and
-- direction (0: any), comparison (CountComparison) and compared_count, inactive (0 or 1), metric
-- (SurveyMetric) with min_score and max_score, and within_days (0: ever). No foreign key on
-- touchpoint_id: a condition on a deleted touchpoint matches nobody.
CREATE TABLE segment_conditions (
  segment_id INTEGER NOT NULL REFERENCES segments (id),
  position INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  attribute_key BLOB NOT NULL,
  attribute_value BLOB NOT NULL,
  channel TEXT NOT NULL,
  touchpoint_id INTEGER NOT NULL,
  interaction_kind INTEGER NOT NULL,
  direction INTEGER NOT NULL,
  comparison INTEGER NOT NULL,
  compared_count INTEGER NOT NULL,
  inactive INTEGER NOT NULL,
  metric INTEGER NOT NULL,
  min_score INTEGER NOT NULL,
  max_score INTEGER NOT NULL,
  within_days INTEGER NOT NULL,
  PRIMARY KEY (segment_id, position)
);

-- Membership queries (sql_segment_members.cc) that the activity table cannot answer. Counts of
-- one kind of interaction in a window ("2+ calls in 30 days"): a range of this index, covering
-- but for a channel or touchpoint criterion.
CREATE INDEX interactions_kind_time ON interactions (kind, occur_time, customer_id, direction);
-- Each customer's last survey answer of a metric: the answers only, covering.
CREATE INDEX interactions_survey_answers
  ON interactions (survey_metric, customer_id, occur_time, survey_score)
  WHERE survey_metric IS NOT NULL;
