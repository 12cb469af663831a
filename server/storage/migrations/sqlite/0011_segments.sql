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
