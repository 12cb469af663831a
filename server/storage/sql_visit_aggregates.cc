#include "server/storage/sql_visit_aggregates.h"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/core/visit_intent.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/count_rows.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/touchpoint_channel_sql.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kQuarterKeyColumns[] = {"bucket_start", "intent", "touchpoint_id",
                                                    "channel"};
constexpr CountTable kQuarterCounts = {"visit_intent_counts", kQuarterKeyColumns, "visits"};
constexpr absl::string_view kDayKeyColumns[] = {"dimension", "bucket_start", "touchpoint_id",
                                                "channel",   "intent",       "value"};
constexpr CountTable kDayCounts = {"visit_intent_day_counts", kDayKeyColumns, "visits"};
// The dimension of the day counts' rows that count every visit (value '').
constexpr int64_t kAllVisits = 0;

// Keys in the order of the key columns.
using QuarterKey = std::tuple<int64_t, int64_t, TouchpointId, std::string>;
using DayKey = std::tuple<int64_t, int64_t, TouchpointId, std::string, int64_t, std::string>;

constexpr absl::string_view kVisitColumns =
    "id, customer_id, touchpoint_id, channel, occur_time, visit_intent, attributes";

absl::StatusOr<CountedVisit> VisitFromRow(const Statement& row) {
  Interaction visit;  // What CountedVisitOf reads of it.
  visit.kind = InteractionKind::kVisit;
  visit.id = row.ColumnInt64(0);
  visit.customer_id = row.ColumnInt64(1);
  visit.touchpoint_id = row.ColumnIsNull(2) ? 0 : row.ColumnInt64(2);
  visit.channel = row.ColumnText(3);
  visit.occur_time = FromMicros(row.ColumnInt64(4));
  CXHUB_ASSIGN_OR_RETURN(visit.attributes, DecodeAttributes(row.ColumnBlob(6)));
  CountedVisit counted = *CountedVisitOf(visit);
  const int64_t intent = row.ColumnInt64(5);  // As stored, whatever the attributes say.
  if (intent < 0 || intent >= kVisitIntentCount) {
    return absl::InternalError(absl::StrCat("interaction holds a visit intent of ", intent));
  }
  counted.intent = static_cast<VisitIntent>(intent);
  return counted;
}

void AddVisit(const CountedVisit& visit, VisitSums& sums) {
  const int intent = static_cast<int>(visit.intent);
  sums.total.visits[intent] += 1;
  sums.by_touchpoint[visit.touchpoint_id].visits[intent] += 1;
  for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
    sums.by_dimension[kVisitDimensions[d]][visit.values[d]].visits[intent] += 1;
  }
}

// [from, to) in microseconds; the extreme values stand for an open end.
struct MicrosRange {
  int64_t from = 0;
  int64_t to = 0;
};

bool IsOpen(int64_t micros) {
  return micros == std::numeric_limits<int64_t>::min() ||
         micros == std::numeric_limits<int64_t>::max();
}

// The whole UTC days of [start, end) (empty when there is none), read from the day counts.
MicrosRange WholeDays(int64_t start, int64_t end) {
  const int64_t first_day = IsOpen(start) ? start : -UtcDayStartMicros(-start);  // Ceiling.
  const int64_t days_end = IsOpen(end) ? end : UtcDayStartMicros(end);
  if (first_day >= days_end) return {start, start};
  return {first_day, days_end};
}

absl::Status CheckIntent(int64_t intent) {
  if (intent >= 0 && intent < kVisitIntentCount) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("visit counts hold an intent of ", intent));
}

// Calls `on_visit` for each visit of [range) matching the filter's touchpoint and channel, read
// from the interactions by their (kind, time) index.
absl::Status ForEachVisitIn(TransactionContext& db, const VisitFilter& filter, MicrosRange range,
                            absl::FunctionRef<void(const CountedVisit&)> on_visit) {
  if (range.from >= range.to) return absl::OkStatus();
  std::vector<Param> params = {static_cast<int64_t>(InteractionKind::kVisit), range.from, range.to};
  std::string sql =
      absl::StrCat("SELECT ", kVisitColumns,
                   " FROM interactions WHERE kind = ? AND occur_time >= ? AND occur_time < ?"
                   " AND visit_intent IS NOT NULL");
  sql += InteractionTouchpointChannelSql(filter.touchpoint_id, filter.channel, params);
  return db.ForEachRow(sql, params, [&](const Statement& row) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(const CountedVisit visit, VisitFromRow(row));
    if (filter.only_customers == nullptr || filter.only_customers->contains(visit.customer_id)) {
      on_visit(visit);
    }
    return absl::OkStatus();
  });
}

// Adds the day counts of the whole UTC days `days` to `sums`: one query per dimension.
absl::Status SumDays(TransactionContext& db, const VisitFilter& filter, MicrosRange days,
                     VisitSums& sums) {
  struct Row {
    TouchpointId touchpoint_id = 0;
    std::string value;
    int64_t intent = 0;
    int64_t visits = 0;
  };
  std::vector<int64_t> dimensions = {kAllVisits};
  for (VisitDimension dimension : kVisitDimensions) {
    dimensions.push_back(static_cast<int64_t>(dimension));
  }
  for (const int64_t dimension : dimensions) {
    const bool all = dimension == kAllVisits;
    std::vector<Param> params = {dimension, days.from, days.to};
    std::string sql =
        absl::StrCat("SELECT ", all ? "touchpoint_id" : "value",
                     ", intent, SUM(visits) FROM visit_intent_day_counts "
                     "WHERE dimension = ? AND bucket_start >= ? AND bucket_start < ?");
    sql += TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", params);
    sql += absl::StrCat(" GROUP BY ", all ? "touchpoint_id" : "value", ", intent");
    CXHUB_ASSIGN_OR_RETURN(
        const std::vector<Row> rows,
        db.Query<Row>(sql, params, [&](const Statement& row) -> absl::StatusOr<Row> {
          CXHUB_RETURN_IF_ERROR(CheckIntent(row.ColumnInt64(1)));
          if (all) return Row{row.ColumnInt64(0), "", row.ColumnInt64(1), row.ColumnInt64(2)};
          return Row{0, row.ColumnText(0), row.ColumnInt64(1), row.ColumnInt64(2)};
        }));
    for (const Row& row : rows) {
      if (all) {
        sums.total.visits[row.intent] += row.visits;
        sums.by_touchpoint[row.touchpoint_id].visits[row.intent] += row.visits;
      } else {
        sums.by_dimension[static_cast<VisitDimension>(dimension)][row.value].visits[row.intent] +=
            row.visits;
      }
    }
  }
  return absl::OkStatus();
}

// The quarter-hour counts of `range`, in time order.
absl::StatusOr<std::vector<VisitBucket>> SumQuarters(TransactionContext& db,
                                                     const VisitFilter& filter, MicrosRange range) {
  std::vector<Param> params = {range.from, range.to};
  std::string sql =
      "SELECT bucket_start, intent, SUM(visits) FROM visit_intent_counts "
      "WHERE bucket_start >= ? AND bucket_start < ?";
  sql += TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", params);
  sql += " GROUP BY bucket_start, intent ORDER BY bucket_start";
  std::vector<VisitBucket> buckets;
  CXHUB_RETURN_IF_ERROR(db.ForEachRow(sql, params, [&](const Statement& row) -> absl::Status {
    const absl::Time start = FromMicros(row.ColumnInt64(0));
    const int64_t intent = row.ColumnInt64(1);
    CXHUB_RETURN_IF_ERROR(CheckIntent(intent));
    if (buckets.empty() || buckets.back().start != start) buckets.push_back({start, {}});
    buckets.back().counts.visits[intent] += row.ColumnInt64(2);
    return absl::OkStatus();
  }));
  return buckets;
}

}  // namespace

std::optional<CountedVisit> CountedVisitOf(const Interaction& interaction) {
  const std::optional<VisitIntent> intent = VisitIntentOf(interaction);
  if (!intent.has_value()) return std::nullopt;
  CountedVisit visit;
  visit.id = interaction.id;
  visit.customer_id = interaction.customer_id;
  visit.touchpoint_id = interaction.touchpoint_id;
  visit.channel = interaction.channel;
  visit.occur_time = interaction.occur_time;
  visit.intent = *intent;
  for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
    visit.values[d] = VisitDimensionValue(interaction, kVisitDimensions[d]);
  }
  return visit;
}

std::vector<CountedVisit> CountedVisitsOf(absl::Span<const Interaction* const> interactions) {
  std::vector<CountedVisit> visits;
  for (const Interaction* interaction : interactions) {
    if (std::optional<CountedVisit> visit = CountedVisitOf(*interaction)) {
      visits.push_back(*std::move(visit));
    }
  }
  return visits;
}

Param VisitIntentColumn(const Interaction& interaction) {
  const std::optional<VisitIntent> intent = VisitIntentOf(interaction);
  return intent.has_value() ? Param(static_cast<int64_t>(*intent)) : Param::Null();
}

absl::StatusOr<std::vector<CountedVisit>> SqlVisitAggregates::Load(absl::string_view where,
                                                                   absl::Span<const Param> params) {
  return db_.Query<CountedVisit>(
      absl::StrCat("SELECT ", kVisitColumns,
                   " FROM interactions WHERE visit_intent IS NOT NULL AND (", where, ")",
                   db_.dialect().lock_rows),
      params, VisitFromRow);
}

absl::Status SqlVisitAggregates::Recount(absl::Span<const CountedVisit> before,
                                         absl::Span<const CountedVisit> after) {
  std::map<QuarterKey, int64_t> quarters;
  std::map<DayKey, int64_t> days;
  auto add = [&](const CountedVisit& visit, int64_t sign) {
    const int64_t quarter = QuarterHourStartMicros(visit.occur_time);
    const int64_t day = UtcDayStartMicros(quarter);
    const int64_t intent = static_cast<int64_t>(visit.intent);
    quarters[{quarter, intent, visit.touchpoint_id, visit.channel}] += sign;
    days[{kAllVisits, day, visit.touchpoint_id, visit.channel, intent, ""}] += sign;
    for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
      days[{static_cast<int64_t>(kVisitDimensions[d]), day, visit.touchpoint_id, visit.channel,
            intent, visit.values[d]}] += sign;
    }
  };
  for (const CountedVisit& visit : before) add(visit, -1);
  for (const CountedVisit& visit : after) add(visit, +1);
  std::vector<CountChange> quarter_rows;
  for (const auto& [key, change] : quarters) {
    const auto& [bucket, intent, touchpoint, channel] = key;
    quarter_rows.push_back({{bucket, intent, touchpoint, channel}, change});
  }
  std::vector<CountChange> day_rows;
  for (const auto& [key, change] : days) {
    const auto& [dimension, bucket, touchpoint, channel, intent, value] = key;
    day_rows.push_back({{dimension, bucket, touchpoint, channel, intent, value}, change});
  }
  CXHUB_RETURN_IF_ERROR(AddToCounts(db_, kQuarterCounts, quarter_rows));
  return AddToCounts(db_, kDayCounts, day_rows);
}

absl::StatusOr<VisitSums> SqlVisitAggregates::Sum(const VisitFilter& filter) {
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.start_time, "start_time"));
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.end_time, "end_time"));
  const int64_t start = Micros(filter.start_time);
  const int64_t end = Micros(filter.end_time);
  VisitSums sums;
  if (filter.only_customers != nullptr) {
    std::map<int64_t, VisitCounts> quarters;
    CXHUB_RETURN_IF_ERROR(ForEachVisitIn(db_, filter, {start, end}, [&](const CountedVisit& visit) {
      AddVisit(visit, sums);
      quarters[QuarterHourStartMicros(visit.occur_time)].visits[static_cast<int>(visit.intent)] +=
          1;
    }));
    if (filter.per_quarter_hour) {
      for (const auto& [quarter, counts] : quarters) {
        sums.quarters.push_back({FromMicros(quarter), counts});
      }
    }
    return sums;
  }
  // The whole days from their counts; the hours before and after them from the visits (less
  // than a day at each end), since the quarter-hour counts have no dimensions.
  const MicrosRange days = WholeDays(start, end);
  auto add = [&](const CountedVisit& visit) { AddVisit(visit, sums); };
  if (days.from >= days.to) {
    CXHUB_RETURN_IF_ERROR(ForEachVisitIn(db_, filter, {start, end}, add));
  } else {
    CXHUB_RETURN_IF_ERROR(ForEachVisitIn(db_, filter, {start, days.from}, add));
    CXHUB_RETURN_IF_ERROR(ForEachVisitIn(db_, filter, {days.to, end}, add));
    CXHUB_RETURN_IF_ERROR(SumDays(db_, filter, days, sums));
  }
  if (filter.per_quarter_hour) {
    CXHUB_ASSIGN_OR_RETURN(sums.quarters, SumQuarters(db_, filter, {start, end}));
  }
  return sums;
}

}  // namespace cxhub
