#include "server/storage/sql_segments.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/column_values.h"
#include "server/storage/id_pages.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_segment_snapshots.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kSegmentColumns =
    "id, display_name, description, create_time, update_time";

constexpr absl::string_view kConditionColumns =
    "segment_id, kind, attribute_key, attribute_value, channel, touchpoint_id, interaction_kind, "
    "direction, comparison, compared_count, inactive, metric, min_score, max_score, within_days, "
    "visit_intent";

Segment SegmentFromRow(const Statement& row) {
  Segment segment;
  segment.id = row.ColumnInt64(0);
  segment.display_name = row.ColumnText(1);
  segment.description = row.ColumnText(2);
  segment.create_time = FromMicros(row.ColumnInt64(3));
  segment.update_time = FromMicros(row.ColumnInt64(4));
  return segment;
}

// 0 stands for "any" in the optional enum columns.
template <typename Enum>
std::optional<Enum> OptionalEnum(int64_t value) {
  if (value == 0) return std::nullopt;
  return static_cast<Enum>(value);
}

template <typename Enum>
int64_t OptionalEnumValue(const std::optional<Enum>& value) {
  return value.has_value() ? static_cast<int64_t>(*value) : 0;
}

ChildRow<SegmentCondition> ConditionFromRow(const Statement& row) {
  SegmentCondition condition;
  condition.kind = static_cast<SegmentConditionKind>(row.ColumnInt64(1));
  condition.attribute_key = row.ColumnBlob(2);
  condition.attribute_value = row.ColumnBlob(3);
  condition.channel = row.ColumnText(4);
  condition.touchpoint_id = row.ColumnInt64(5);
  condition.interaction_kind = OptionalEnum<InteractionKind>(row.ColumnInt64(6));
  condition.direction = OptionalEnum<Direction>(row.ColumnInt64(7));
  condition.comparison = static_cast<CountComparison>(row.ColumnInt64(8));
  condition.count = row.ColumnInt64(9);
  condition.inactive = row.ColumnInt64(10) != 0;
  condition.metric = static_cast<SurveyMetric>(row.ColumnInt64(11));
  condition.min_score = static_cast<int32_t>(row.ColumnInt64(12));
  condition.max_score = static_cast<int32_t>(row.ColumnInt64(13));
  condition.within_days = static_cast<int32_t>(row.ColumnInt64(14));
  if (!row.ColumnIsNull(15)) condition.visit_intent = static_cast<VisitIntent>(row.ColumnInt64(15));
  return {row.ColumnInt64(0), std::move(condition)};
}

std::vector<ColumnValue> ConditionColumns(SegmentId id, int64_t position,
                                          const SegmentCondition& condition) {
  return {
      {"segment_id", id},
      {"position", position},
      {"kind", static_cast<int64_t>(condition.kind)},
      {"attribute_key", Param::Blob(condition.attribute_key)},
      {"attribute_value", Param::Blob(condition.attribute_value)},
      {"channel", condition.channel},
      {"touchpoint_id", condition.touchpoint_id},
      {"interaction_kind", OptionalEnumValue(condition.interaction_kind)},
      {"direction", OptionalEnumValue(condition.direction)},
      {"comparison", static_cast<int64_t>(condition.comparison)},
      {"compared_count", condition.count},
      {"inactive", int64_t{condition.inactive}},
      {"metric", static_cast<int64_t>(condition.metric)},
      {"min_score", int64_t{condition.min_score}},
      {"max_score", int64_t{condition.max_score}},
      {"within_days", int64_t{condition.within_days}},
      {"visit_intent", condition.visit_intent.has_value()
                           ? Param(static_cast<int64_t>(*condition.visit_intent))
                           : Param::Null()},
  };
}

// What an update writes; an insert writes create_time too.
std::vector<ColumnValue> ChangeableColumns(const Segment& segment) {
  return {
      {"display_name", segment.display_name},
      {"description", segment.description},
      {"update_time", Micros(segment.update_time)},
  };
}

}  // namespace

absl::StatusOr<Segment> SqlSegments::Get(SegmentId id) {
  CXHUB_ASSIGN_OR_RETURN(std::vector<Segment> segments, Load("id = ?", {id}));
  if (segments.empty()) return absl::NotFoundError(absl::StrCat("segment ", id, " not found"));
  return std::move(segments.front());
}

absl::StatusOr<std::vector<Segment>> SqlSegments::List(SegmentId after_id, int limit) {
  CXHUB_ASSIGN_OR_RETURN(std::optional<SegmentId> last,
                         LastIdOfPage(db_, "segments", "", after_id, limit));
  if (!last.has_value()) return std::vector<Segment>();
  return Load("id > ? AND id <= ?", {after_id, *last});
}

absl::StatusOr<SegmentId> SqlSegments::Insert(const Segment& segment) {
  SegmentId id = 0;
  CXHUB_RETURN_IF_ERROR(db_.Atomically([&]() -> absl::Status {
    std::vector<ColumnValue> columns = ChangeableColumns(segment);
    columns.push_back({"create_time", Micros(segment.create_time)});
    CXHUB_RETURN_IF_ERROR(db_.Execute(InsertSql("segments", columns), ValuesOf(columns)).status());
    id = db_.LastInsertId();
    return InsertConditions(id, segment.conditions);
  }));
  return id;
}

absl::Status SqlSegments::Update(const Segment& segment) {
  CXHUB_RETURN_IF_ERROR(CheckExists(segment.id));
  return db_.Atomically([&]() -> absl::Status {
    const std::vector<ColumnValue> columns = ChangeableColumns(segment);
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(UpdateSql("segments", columns, "id = ?"), ValuesOf(columns, {segment.id}))
            .status());
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("DELETE FROM segment_conditions WHERE segment_id = ?", {segment.id}).status());
    // The rule may have changed: the next refresh evaluates it from scratch.
    CXHUB_RETURN_IF_ERROR(SqlSegmentSnapshots(db_).Drop(segment.id));
    return InsertConditions(segment.id, segment.conditions);
  });
}

absl::Status SqlSegments::Delete(SegmentId id) {
  CXHUB_RETURN_IF_ERROR(CheckExists(id));
  return db_.Atomically([&]() -> absl::Status {
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("DELETE FROM segment_conditions WHERE segment_id = ?", {id}).status());
    CXHUB_RETURN_IF_ERROR(SqlSegmentSnapshots(db_).Drop(id));
    return db_.Execute("DELETE FROM segments WHERE id = ?", {id}).status();
  });
}

absl::Status SqlSegments::CheckExists(SegmentId id) {
  CXHUB_ASSIGN_OR_RETURN(
      bool exists,
      db_.Exists(absl::StrCat("SELECT id FROM segments WHERE id = ?", db_.dialect().lock_rows),
                 {id}));
  if (!exists) return absl::NotFoundError(absl::StrCat("segment ", id, " not found"));
  return absl::OkStatus();
}

absl::Status SqlSegments::InsertConditions(SegmentId id,
                                           const std::vector<SegmentCondition>& conditions) {
  for (size_t i = 0; i < conditions.size(); ++i) {
    const std::vector<ColumnValue> columns =
        ConditionColumns(id, static_cast<int64_t>(i), conditions[i]);
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(InsertSql("segment_conditions", columns), ValuesOf(columns)).status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Segment>> SqlSegments::Load(absl::string_view where,
                                                       absl::Span<const Param> params) {
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<Segment> segments,
      db_.Query<Segment>(
          absl::StrCat("SELECT ", kSegmentColumns, " FROM segments WHERE ", where, " ORDER BY id"),
          params, SegmentFromRow));
  CXHUB_RETURN_IF_ERROR(AttachChildRows(
      db_,
      absl::StrCat("SELECT ", kConditionColumns,
                   " FROM segment_conditions WHERE segment_id >= ? AND segment_id <= ? "
                   "ORDER BY segment_id, position"),
      ConditionFromRow, &Segment::conditions, segments));
  return segments;
}

}  // namespace cxhub
