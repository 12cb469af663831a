#include "server/storage/sql_touchpoints.h"

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
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_touchpoint_rules.h"
#include "server/storage/touchpoint_recount.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kTouchpointColumns =
    "id, display_name, description, stage, controlled, create_time, update_time";

Touchpoint TouchpointFromRow(const Statement& row) {
  Touchpoint touchpoint;
  touchpoint.id = row.ColumnInt64(0);
  touchpoint.display_name = row.ColumnText(1);
  touchpoint.description = row.ColumnText(2);
  touchpoint.stage = static_cast<JourneyStage>(row.ColumnInt64(3));
  touchpoint.controlled = row.ColumnInt64(4) != 0;
  touchpoint.create_time = FromMicros(row.ColumnInt64(5));
  touchpoint.update_time = FromMicros(row.ColumnInt64(6));
  return touchpoint;
}

ChildRow<std::string> ChannelFromRow(const Statement& row) {
  return {row.ColumnInt64(0), row.ColumnText(1)};
}

// What an update writes; an insert writes create_time too.
std::vector<ColumnValue> ChangeableColumns(const Touchpoint& touchpoint) {
  return {
      {"display_name", touchpoint.display_name},
      {"description", touchpoint.description},
      {"stage", static_cast<int64_t>(touchpoint.stage)},
      {"controlled", int64_t{touchpoint.controlled}},
      {"update_time", Micros(touchpoint.update_time)},
  };
}

}  // namespace

absl::StatusOr<Touchpoint> SqlTouchpoints::Get(TouchpointId id) {
  CXHUB_ASSIGN_OR_RETURN(std::vector<Touchpoint> touchpoints, Load("id = ?", {id}));
  if (touchpoints.empty()) {
    return absl::NotFoundError(absl::StrCat("touchpoint ", id, " not found"));
  }
  return std::move(touchpoints.front());
}

absl::StatusOr<std::vector<Touchpoint>> SqlTouchpoints::List(TouchpointId after_id, int limit) {
  CXHUB_ASSIGN_OR_RETURN(std::optional<TouchpointId> last,
                         LastIdOfPage(db_, "touchpoints", "", after_id, limit));
  if (!last.has_value()) return std::vector<Touchpoint>();
  return Load("id > ? AND id <= ?", {after_id, *last});
}

absl::StatusOr<TouchpointId> SqlTouchpoints::Insert(const Touchpoint& touchpoint) {
  TouchpointId id = 0;
  CXHUB_RETURN_IF_ERROR(db_.Atomically([&]() -> absl::Status {
    std::vector<ColumnValue> columns = ChangeableColumns(touchpoint);
    columns.push_back({"create_time", Micros(touchpoint.create_time)});
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(InsertSql("touchpoints", columns), ValuesOf(columns)).status());
    id = db_.LastInsertId();
    return InsertChannels(id, touchpoint.channels);
  }));
  return id;
}

absl::Status SqlTouchpoints::Update(const Touchpoint& touchpoint) {
  CXHUB_RETURN_IF_ERROR(CheckExists(touchpoint.id));
  return db_.Atomically([&]() -> absl::Status {
    const std::vector<ColumnValue> columns = ChangeableColumns(touchpoint);
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(UpdateSql("touchpoints", columns, "id = ?"), ValuesOf(columns, {touchpoint.id}))
            .status());
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("DELETE FROM touchpoint_channels WHERE touchpoint_id = ?", {touchpoint.id})
            .status());
    return InsertChannels(touchpoint.id, touchpoint.channels);
  });
}

absl::Status SqlTouchpoints::Delete(TouchpointId id) {
  CXHUB_RETURN_IF_ERROR(CheckExists(id));
  return db_.Atomically([&]() -> absl::Status {
    CXHUB_RETURN_IF_ERROR(DeleteRulesOfTouchpoint(db_, id));
    // Its interactions stay, answers, activity and purchases counted under no touchpoint.
    CXHUB_ASSIGN_OR_RETURN(std::vector<ScoredInteraction> before,
                           score_counts_.Load("touchpoint_id = ?", {id}));
    CXHUB_ASSIGN_OR_RETURN(std::vector<PurchasedInteraction> purchases_before,
                           purchase_sums_.Load("touchpoint_id = ?", {id}));
    CXHUB_ASSIGN_OR_RETURN(std::vector<CountedVisit> visits_before,
                           visit_counts_.Load("touchpoint_id = ?", {id}));
    CXHUB_RETURN_IF_ERROR(RecountAtTouchpoint(score_counts_, activity_, purchase_sums_,
                                              visit_counts_,
                                              {before, purchases_before, visits_before},
                                              /*touchpoint=*/0));
    for (absl::string_view sql :
         {"UPDATE interactions SET touchpoint_id = NULL, touchpoint_rule_id = NULL "
          "WHERE touchpoint_id = ?",
          "DELETE FROM touchpoint_channels WHERE touchpoint_id = ?",
          "DELETE FROM touchpoints WHERE id = ?"}) {
      CXHUB_RETURN_IF_ERROR(db_.Execute(sql, {id}).status());
    }
    return absl::OkStatus();
  });
}

absl::Status SqlTouchpoints::CheckExists(TouchpointId id) {
  CXHUB_ASSIGN_OR_RETURN(
      bool exists,
      db_.Exists(absl::StrCat("SELECT id FROM touchpoints WHERE id = ?", db_.dialect().lock_rows),
                 {id}));
  if (!exists) return absl::NotFoundError(absl::StrCat("touchpoint ", id, " not found"));
  return absl::OkStatus();
}

absl::Status SqlTouchpoints::InsertChannels(TouchpointId id,
                                            const std::vector<std::string>& channels) {
  for (size_t i = 0; i < channels.size(); ++i) {
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("INSERT INTO touchpoint_channels (touchpoint_id, position, channel) "
                    "VALUES (?, ?, ?)",
                    {id, static_cast<int64_t>(i), channels[i]})
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Touchpoint>> SqlTouchpoints::Load(absl::string_view where,
                                                             absl::Span<const Param> params) {
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<Touchpoint> touchpoints,
      db_.Query<Touchpoint>(absl::StrCat("SELECT ", kTouchpointColumns, " FROM touchpoints WHERE ",
                                         where, " ORDER BY id"),
                            params, TouchpointFromRow));
  CXHUB_RETURN_IF_ERROR(AttachChildRows(db_,
                                        "SELECT touchpoint_id, channel FROM touchpoint_channels "
                                        "WHERE touchpoint_id >= ? AND touchpoint_id <= ? "
                                        "ORDER BY touchpoint_id, position",
                                        ChannelFromRow, &Touchpoint::channels, touchpoints));
  return touchpoints;
}

}  // namespace cxhub
