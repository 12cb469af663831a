#include "server/storage/sql_segment_snapshots.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/statement_shapes.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

// Ids per IN list or multi-row statement at most.
constexpr size_t kIdsPerStatement = 256;

// The count tables kept per segment (migrations 0024, 0025, 0026).
constexpr absl::string_view kSegmentTables[] = {"segment_score_answer_counts",
                                                "segment_score_answer_day_counts",
                                                "segment_score_answer_day_totals",
                                                "segment_visit_intent_counts",
                                                "segment_visit_intent_day_counts",
                                                "segment_visit_intent_value_counts",
                                                "segment_visit_intent_value_totals",
                                                "segment_visit_intent_quarter_totals",
                                                "segment_visit_intent_value_month_totals",
                                                "segment_snapshot_members",
                                                "segment_pending_customers",
                                                "segment_snapshots"};

int64_t IdFromRow(const Statement& row) { return row.ColumnInt64(0); }

// `ids` sorted and without repeats.
std::vector<int64_t> Distinct(absl::Span<const int64_t> ids) {
  std::vector<int64_t> distinct(ids.begin(), ids.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return distinct;
}

// Adds one to `changes` of each row of `table` keyed by `key_prefix` and then an id of `ids`.
absl::Status AddChanges(TransactionContext& db, absl::string_view table,
                        absl::Span<const absl::string_view> key_columns,
                        absl::Span<const Param> key_prefix, absl::Span<const int64_t> ids) {
  for (size_t first = 0; first < ids.size();) {
    const size_t rows = RowsOfNextStatement(ids.size() - first, kIdsPerStatement);
    std::vector<Param> params;
    for (size_t k = first; k < first + rows; ++k) {
      params.insert(params.end(), key_prefix.begin(), key_prefix.end());
      params.emplace_back(ids[k]);
      params.emplace_back(int64_t{1});
    }
    CXHUB_RETURN_IF_ERROR(
        db.Execute(AddingUpsertSql(db.dialect(), table, key_columns, {"changes"}, rows), params)
            .status());
    first += rows;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SqlSegmentSnapshots::MarkChanged(absl::Span<const CustomerId> customers) {
  constexpr absl::string_view kKey[] = {"customer_id"};
  return AddChanges(db_, "segment_changed_customers", kKey, {}, Distinct(customers));
}

absl::StatusOr<SnapshotMembers> SqlSegmentSnapshots::MembersAmong(
    absl::Span<const CustomerId> customers) {
  const std::vector<int64_t> ids = Distinct(customers);
  SnapshotMembers members;
  for (size_t first = 0; first < ids.size(); first += kIdsPerStatement) {
    std::vector<Param> params;
    const std::string list = IdList(
        absl::MakeConstSpan(ids).subspan(first, std::min(kIdsPerStatement, ids.size() - first)),
        params);
    CXHUB_RETURN_IF_ERROR(db_.ForEachRow(
        absl::StrCat("SELECT segment_id, customer_id FROM segment_snapshot_members WHERE "
                     "customer_id IN ",
                     list, db_.dialect().share_rows),
        params, [&](const Statement& row) -> absl::Status {
          members[row.ColumnInt64(0)].insert(row.ColumnInt64(1));
          return absl::OkStatus();
        }));
  }
  return members;
}

absl::StatusOr<std::optional<absl::Time>> SqlSegmentSnapshots::LockSnapshot(SegmentId segment) {
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<int64_t> evaluated,
      db_.QueryOne<int64_t>(absl::StrCat("SELECT evaluated_at FROM segment_snapshots WHERE "
                                         "segment_id = ?",
                                         db_.dialect().lock_rows),
                            {segment}, IdFromRow));
  if (!evaluated.has_value()) return std::nullopt;
  return FromMicros(*evaluated);
}

absl::StatusOr<std::vector<CustomerId>> SqlSegmentSnapshots::Members(SegmentId segment) {
  return db_.Query<CustomerId>(
      "SELECT customer_id FROM segment_snapshot_members WHERE segment_id = ? ORDER BY customer_id",
      {segment}, IdFromRow);
}

absl::StatusOr<std::vector<CustomerId>> SqlSegmentSnapshots::TakePending(SegmentId segment) {
  CXHUB_ASSIGN_OR_RETURN(
      const std::vector<CustomerId> changed,
      db_.Query<CustomerId>(absl::StrCat("SELECT customer_id FROM segment_changed_customers",
                                         db_.dialect().lock_rows),
                            {}, IdFromRow));
  if (!changed.empty()) {
    CXHUB_ASSIGN_OR_RETURN(
        const std::vector<SegmentId> snapshots,
        db_.Query<SegmentId>("SELECT segment_id FROM segment_snapshots", {}, IdFromRow));
    constexpr absl::string_view kKey[] = {"segment_id", "customer_id"};
    for (SegmentId snapshot : snapshots) {
      CXHUB_RETURN_IF_ERROR(
          AddChanges(db_, "segment_pending_customers", kKey, {Param(snapshot)}, changed));
    }
    for (size_t first = 0; first < changed.size(); first += kIdsPerStatement) {
      std::vector<Param> params;
      const std::string list =
          IdList(absl::MakeConstSpan(changed).subspan(
                     first, std::min(kIdsPerStatement, changed.size() - first)),
                 params);
      CXHUB_RETURN_IF_ERROR(
          db_.Execute(
                 absl::StrCat("DELETE FROM segment_changed_customers WHERE customer_id IN ", list),
                 params)
              .status());
    }
  }
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<CustomerId> pending,
      db_.Query<CustomerId>(absl::StrCat("SELECT customer_id FROM segment_pending_customers "
                                         "WHERE segment_id = ?",
                                         db_.dialect().lock_rows),
                            {segment}, IdFromRow));
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("DELETE FROM segment_pending_customers WHERE segment_id = ?", {segment})
          .status());
  return Distinct(pending);
}

absl::Status SqlSegmentSnapshots::Update(SegmentId segment, absl::Time time,
                                         absl::Span<const CustomerId> joined,
                                         absl::Span<const CustomerId> left) {
  for (size_t first = 0; first < joined.size();) {
    const size_t rows = RowsOfNextStatement(joined.size() - first, kIdsPerStatement);
    std::vector<Param> params;
    std::vector<absl::string_view> values;
    for (size_t k = first; k < first + rows; ++k) {
      params.insert(params.end(), {Param(segment), Param(joined[k])});
      values.push_back("(?, ?)");
    }
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(absl::StrCat("INSERT INTO segment_snapshot_members (segment_id, customer_id) "
                                 "VALUES ",
                                 absl::StrJoin(values, ", ")),
                    params)
            .status());
    first += rows;
  }
  for (size_t first = 0; first < left.size(); first += kIdsPerStatement) {
    std::vector<Param> params = {segment};
    const std::string list =
        IdList(left.subspan(first, std::min(kIdsPerStatement, left.size() - first)), params);
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(absl::StrCat("DELETE FROM segment_snapshot_members WHERE segment_id = ? AND "
                                 "customer_id IN ",
                                 list),
                    params)
            .status());
  }
  constexpr absl::string_view kKey[] = {"segment_id"};
  constexpr absl::string_view kValue[] = {"evaluated_at"};
  return db_
      .Execute(UpsertSql(db_.dialect(), "segment_snapshots", kKey, kValue), {segment, Micros(time)})
      .status();
}

absl::Status SqlSegmentSnapshots::Drop(SegmentId segment) {
  for (absl::string_view table : kSegmentTables) {
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(absl::StrCat("DELETE FROM ", table, " WHERE segment_id = ?"), {segment})
            .status());
  }
  return absl::OkStatus();
}

}  // namespace cxhub
