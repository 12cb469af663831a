#include "server/storage/sql_visit_aggregates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
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
#include "server/storage/day_sum_plan.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_segment_snapshots.h"
#include "server/storage/statement_shapes.h"
#include "server/storage/touchpoint_channel_sql.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kQuarterKeyColumns[] = {"bucket_start", "intent", "touchpoint_id",
                                                    "channel"};
constexpr CountTable kQuarterCounts = {"visit_intent_counts", kQuarterKeyColumns, "visits"};
// The same over every touchpoint (0025), for figures at any touchpoint.
constexpr absl::string_view kQuarterTotalKeyColumns[] = {"bucket_start", "intent", "channel"};
constexpr CountTable kQuarterTotals = {"visit_intent_quarter_totals", kQuarterTotalKeyColumns,
                                       "visits"};
constexpr absl::string_view kDayKeyColumns[] = {"dimension", "bucket_start", "touchpoint_id",
                                                "channel",   "intent",       "value"};
constexpr CountTable kDayCounts = {"visit_intent_day_counts", kDayKeyColumns, "visits"};
// The only dimension of the day counts' rows since 0021: every visit (value '').
constexpr int64_t kAllVisits = 0;
constexpr absl::string_view kValueKeyColumns[] = {"bucket_start", "dimension", "touchpoint_id",
                                                  "channel",      "listed",    "value"};
constexpr absl::string_view kValueSumColumns[] = {"transactional_visits", "informational_visits"};
constexpr CountTable kValueCounts = {"visit_intent_value_counts", kValueKeyColumns, "visits",
                                     kValueSumColumns};
// The same without the touchpoint, for figures at any touchpoint.
constexpr absl::string_view kValueTotalKeyColumns[] = {"bucket_start", "dimension", "channel",
                                                       "listed", "value"};
constexpr CountTable kValueTotals = {"visit_intent_value_totals", kValueTotalKeyColumns, "visits",
                                     kValueSumColumns};
// The same per UTC month (0026): a day's rows summed into its month's, listed or not as they
// were on the day, so that a long range reads a month's rows in one.
constexpr CountTable kValueMonthTotals = {"visit_intent_value_month_totals", kValueTotalKeyColumns,
                                          "visits", kValueSumColumns};
// Every table above, which a recount of all visits empties first.
constexpr const CountTable* kAllCounts[] = {&kQuarterCounts, &kQuarterTotals, &kDayCounts,
                                            &kValueCounts,   &kValueTotals,   &kValueMonthTotals};
constexpr absl::Duration kDay = absl::Hours(24);

// Keys in the order of the key columns.
using QuarterKey = std::tuple<int64_t, int64_t, TouchpointId, std::string>;
using QuarterTotalKey = std::tuple<int64_t, int64_t, std::string>;
using DayKey = std::tuple<int64_t, TouchpointId, std::string, int64_t>;  // Day, ..., intent.
using ValueKey = std::tuple<int64_t, int64_t, TouchpointId, std::string, int64_t, std::string>;
using ValueTotalKey = std::tuple<int64_t, int64_t, std::string, int64_t, std::string>;
// A dimension on a UTC day, and the values listed there.
using DimensionDay = std::pair<int64_t, int64_t>;
using ListedValues = std::map<DimensionDay, std::set<std::string>>;

// Visits, transactional and informational visits: what a value row adds.
struct ValueChange {
  ValueChange& operator+=(const ValueChange& other) {
    visits += other.visits;
    transactional += other.transactional;
    informational += other.informational;
    return *this;
  }

  int64_t visits = 0;
  int64_t transactional = 0;
  int64_t informational = 0;
};

// The rows of value totals (over every touchpoint) that add `totals`.
std::vector<CountChange> ValueTotalRows(const std::map<ValueTotalKey, ValueChange>& totals) {
  std::vector<CountChange> rows;
  for (const auto& [key, change] : totals) {
    const auto& [bucket, dimension, channel, is_listed, value] = key;
    rows.push_back({{bucket, dimension, channel, is_listed, value},
                    change.visits,
                    {change.transactional, change.informational}});
  }
  return rows;
}

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
  // A visit recorded before 0020 has none stored: its attributes say (RecountAllIfPending).
  if (row.ColumnIsNull(5)) return counted;
  const int64_t intent = row.ColumnInt64(5);  // As stored, whatever the attributes say.
  if (intent < 0 || intent >= kVisitIntentCount) {
    return absl::InternalError(absl::StrCat("interaction holds a visit intent of ", intent));
  }
  counted.intent = static_cast<VisitIntent>(intent);
  return counted;
}

// VisitSums counted one visit at a time: the values hashed while counting (a segment's figure
// counts every visit of its range this way), ordered once when added to the sums.
class VisitTally {
 public:
  void Add(const CountedVisit& visit) {
    const int intent = static_cast<int>(visit.intent);
    total_.visits[intent] += 1;
    by_touchpoint_[visit.touchpoint_id].visits[intent] += 1;
    for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
      by_value_[d][visit.values[d]].visits[intent] += 1;
    }
  }

  void AddTo(VisitSums& sums) const {
    sums.total += total_;
    for (const auto& [touchpoint, counts] : by_touchpoint_)
      sums.by_touchpoint[touchpoint] += counts;
    for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
      std::map<std::string, VisitCounts>& values = sums.by_dimension[kVisitDimensions[d]];
      for (const auto& [value, counts] : by_value_[d]) values[value] += counts;
    }
  }

  // Takes the tally out of `sums` that counted these visits with their whole UTC day `day`:
  // each value from its own row when listed on the day (`listed`), else from the dimension's
  // unlisted row. What is left with no visit is dropped, as if never counted.
  void SubtractFrom(VisitSums& sums, const ListedValues& listed, int64_t day) const {
    auto subtract = [](auto& map, const auto& key, const VisitCounts& counts) {
      auto entry = map.find(key);
      if (entry == map.end()) entry = map.emplace(key, VisitCounts()).first;
      entry->second -= counts;
      if (entry->second.visits == VisitCounts().visits) map.erase(entry);
    };
    sums.total -= total_;
    for (const auto& [touchpoint, counts] : by_touchpoint_) {
      subtract(sums.by_touchpoint, touchpoint, counts);
    }
    for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
      const VisitDimension dimension = kVisitDimensions[d];
      auto listed_values = listed.find({static_cast<int64_t>(dimension), day});
      for (const auto& [value, counts] : by_value_[d]) {
        if (listed_values != listed.end() && listed_values->second.count(value) > 0) {
          subtract(sums.by_dimension[dimension], value, counts);
        } else {
          subtract(sums.unlisted, dimension, counts);
        }
      }
      if (sums.by_dimension[dimension].empty()) sums.by_dimension.erase(dimension);
    }
  }

 private:
  VisitCounts total_;
  absl::flat_hash_map<TouchpointId, VisitCounts> by_touchpoint_;
  std::array<absl::flat_hash_map<std::string, VisitCounts>, kVisitDimensions.size()> by_value_;
};

absl::Status CheckIntent(int64_t intent) {
  if (intent >= 0 && intent < kVisitIntentCount) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("visit counts hold an intent of ", intent));
}

// Calls `on_visit` for each visit of [range) matching the filter (touchpoint, channel and
// segment), read from the interactions by their (kind, time) index; a segment's members are
// looked up one visit at a time by the primary key of its snapshot.
absl::Status ForEachVisitIn(TransactionContext& db, const VisitFilter& filter, MicrosRange range,
                            absl::FunctionRef<void(const CountedVisit&)> on_visit) {
  if (range.from >= range.to) return absl::OkStatus();
  std::vector<Param> params = {static_cast<int64_t>(InteractionKind::kVisit), range.from, range.to};
  std::string sql =
      absl::StrCat("SELECT ", kVisitColumns,
                   " FROM interactions WHERE kind = ? AND occur_time >= ? AND occur_time < ?"
                   " AND visit_intent IS NOT NULL");
  sql += InteractionTouchpointChannelSql(filter.touchpoint_id, filter.channel, params);
  if (filter.segment_id != 0) {
    sql +=
        " AND EXISTS (SELECT 1 FROM segment_snapshot_members WHERE segment_id = ? AND "
        "segment_snapshot_members.customer_id = interactions.customer_id)";
    params.emplace_back(filter.segment_id);
  }
  return db.ForEachRow(sql, params, [&](const Statement& row) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(const CountedVisit visit, VisitFromRow(row));
    on_visit(visit);
    return absl::OkStatus();
  });
}

// Value rows (dimension, listed, value, visits, transactional_visits, informational_visits) summed
// as they are read, not by a GROUP BY: MariaDB grouped the 9,000 rows of 90 days in a temporary
// table, which took half the time of the query.
class ValueRowSums {
 public:
  absl::Status Add(const Statement& row) {
    const int64_t dimension = row.ColumnInt64(0);
    if (dimension < 1 || dimension > static_cast<int64_t>(kVisitDimensions.size())) {
      return absl::InternalError(
          absl::StrCat("visit value counts hold a dimension of ", dimension));
    }
    VisitCounts counts;
    counts.visits[static_cast<int>(VisitIntent::kTransactional)] = row.ColumnInt64(4);
    counts.visits[static_cast<int>(VisitIntent::kInformational)] = row.ColumnInt64(5);
    counts.visits[static_cast<int>(VisitIntent::kNone)] =
        row.ColumnInt64(3) - row.ColumnInt64(4) - row.ColumnInt64(5);
    const size_t d = static_cast<size_t>(dimension - 1);
    if (row.ColumnInt64(1) == 0) {
      unlisted_[d] += counts;
      has_unlisted_[d] = true;
    } else {
      listed_[d][row.ColumnText(2)] += counts;
    }
    return absl::OkStatus();
  }

  void AddTo(VisitSums& sums) const {
    for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
      const VisitDimension key = kVisitDimensions[d];
      if (has_unlisted_[d]) sums.unlisted[key] += unlisted_[d];
      if (listed_[d].empty()) continue;
      std::map<std::string, VisitCounts>& values = sums.by_dimension[key];
      for (const auto& [value, counts] : listed_[d]) values[value] += counts;
    }
  }

 private:
  std::array<absl::flat_hash_map<std::string, VisitCounts>, kVisitDimensions.size()> listed_;
  std::array<VisitCounts, kVisitDimensions.size()> unlisted_;
  std::array<bool, kVisitDimensions.size()> has_unlisted_{};
};

// Adds the counts of the whole UTC days `days` to `sums`: every visit per touchpoint from the day
// counts, each dimension's values from the value counts (at any touchpoint, the whole UTC months
// of `days` from the month totals).
absl::Status SumDays(TransactionContext& db, const VisitFilter& filter, MicrosRange days,
                     VisitSums& sums) {
  std::vector<Param> params;
  std::string sql = absl::StrCat("SELECT touchpoint_id, intent, SUM(visits) FROM ",
                                 CountsWhere(kDayCounts.table, filter.segment_id, params),
                                 "dimension = ? AND bucket_start >= ? AND bucket_start < ?");
  params.insert(params.end(), {kAllVisits, days.from, days.to});
  sql += TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", params);
  sql += " GROUP BY touchpoint_id, intent";
  CXHUB_RETURN_IF_ERROR(db.ForEachRow(sql, params, [&](const Statement& row) -> absl::Status {
    const int64_t intent = row.ColumnInt64(1);
    CXHUB_RETURN_IF_ERROR(CheckIntent(intent));
    sums.total.visits[intent] += row.ColumnInt64(2);
    sums.by_touchpoint[row.ColumnInt64(0)].visits[intent] += row.ColumnInt64(2);
    return absl::OkStatus();
  }));
  ValueRowSums values;
  auto add_values = [&](absl::string_view table, MicrosRange range) {
    std::vector<Param> value_params;
    std::string value_sql = absl::StrCat(
        "SELECT dimension, listed, value, visits, transactional_visits, informational_visits "
        "FROM ",
        CountsWhere(table, filter.segment_id, value_params),
        "bucket_start >= ? AND bucket_start < ?");
    value_params.insert(value_params.end(), {range.from, range.to});
    value_sql += TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", value_params);
    return db.ForEachRow(value_sql, value_params,
                         [&](const Statement& row) { return values.Add(row); });
  };
  if (filter.touchpoint_id.has_value()) {
    CXHUB_RETURN_IF_ERROR(add_values(kValueCounts.table, days));
  } else {
    const MonthSplit split = SplitWholeUtcMonths(days);
    if (split.months.has_value()) {
      CXHUB_RETURN_IF_ERROR(add_values(kValueMonthTotals.table, *split.months));
    }
    for (const MicrosRange& range : split.days) {
      CXHUB_RETURN_IF_ERROR(add_values(kValueTotals.table, range));
    }
  }
  values.AddTo(sums);
  return absl::OkStatus();
}

// The buckets of `table` (rows `width` long: quarter hours, or days with `condition` picking
// the rows of every visit) that `choice` takes, in time order.
absl::StatusOr<std::vector<VisitBucket>> SumBuckets(TransactionContext& db, absl::string_view table,
                                                    absl::string_view condition,
                                                    absl::Duration width, const VisitFilter& filter,
                                                    const BucketChoice& choice) {
  std::vector<Param> params;
  std::string sql = absl::StrCat("SELECT bucket_start, intent, SUM(visits) FROM ",
                                 CountsWhere(table, filter.segment_id, params), condition);
  sql += BucketChoiceSql(choice, params);
  sql += TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", params);
  sql += " GROUP BY bucket_start, intent ORDER BY bucket_start";
  std::vector<VisitBucket> buckets;
  CXHUB_RETURN_IF_ERROR(db.ForEachRow(sql, params, [&](const Statement& row) -> absl::Status {
    const absl::Time start = FromMicros(row.ColumnInt64(0));
    const int64_t intent = row.ColumnInt64(1);
    CXHUB_RETURN_IF_ERROR(CheckIntent(intent));
    if (buckets.empty() || buckets.back().start != start) {
      buckets.push_back({start, {}, start + width});
    }
    buckets.back().counts.visits[intent] += row.ColumnInt64(2);
    return absl::OkStatus();
  }));
  return buckets;
}

// The buckets of a series over [start, end): whole days from the day counts, the rest and the
// cut sides of days as DaySumPlan says.
absl::StatusOr<std::vector<VisitBucket>> SumSeries(TransactionContext& db,
                                                   const VisitFilter& filter, int64_t start,
                                                   int64_t end) {
  const DaySumPlan plan = PlanDaySum(start, end, filter.split_at);
  std::vector<VisitBucket> days;
  if (plan.days.has_value()) {
    CXHUB_ASSIGN_OR_RETURN(days, SumBuckets(db, kDayCounts.table, "dimension = 0 AND ", kDay,
                                            filter, {*plan.days, {}}));
  }
  std::vector<VisitBucket> buckets;
  for (const BucketChoice& choice : QuarterHourChoices(plan.quarter_ranges)) {
    CXHUB_ASSIGN_OR_RETURN(
        std::vector<VisitBucket> quarters,
        SumBuckets(db,
                   filter.touchpoint_id.has_value() ? kQuarterCounts.table : kQuarterTotals.table,
                   "", kScoreBucketWidth, filter, choice));
    buckets.insert(buckets.end(), quarters.begin(), quarters.end());
  }
  std::vector<VisitBucket> derived = DeriveCutSides(
      plan, days, buckets, [](VisitCounts& side, const VisitCounts& quarter) { side -= quarter; },
      [](const VisitCounts& side) { return side.Total() <= 0; });
  DropOutside(start, end, buckets);
  buckets.insert(buckets.end(), derived.begin(), derived.end());
  for (const VisitBucket& day : days) {
    if (plan.split_days.count(Micros(day.start)) == 0) buckets.push_back(day);
  }
  std::sort(buckets.begin(), buckets.end(),
            [](const VisitBucket& a, const VisitBucket& b) { return a.start < b.start; });
  return buckets;
}

// Adds (dimension, `day`) for every dimension to `keys`.
void AddDimensionDays(int64_t day, std::set<DimensionDay>& keys) {
  for (VisitDimension dimension : kVisitDimensions) {
    keys.insert({static_cast<int64_t>(dimension), day});
  }
}

// The values listed on each of `keys`' (dimension, day); with `lock`, locked against a
// concurrent writer listing more.
absl::StatusOr<ListedValues> LoadListed(TransactionContext& db, const std::set<DimensionDay>& keys,
                                        bool lock) {
  ListedValues listed;
  const std::string sql = absl::StrCat(
      "SELECT value FROM visit_intent_listed_values WHERE dimension = ? AND bucket_start = ?",
      lock ? db.dialect().lock_rows : "");
  for (const DimensionDay& key : keys) {
    std::set<std::string>& values = listed[key];
    CXHUB_RETURN_IF_ERROR(
        db.ForEachRow(sql, {key.first, key.second}, [&](const Statement& row) -> absl::Status {
          values.insert(row.ColumnText(0));
          return absl::OkStatus();
        }));
  }
  return listed;
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
  CXHUB_RETURN_IF_ERROR(RecountIn(/*segment=*/0, before, after));
  SqlSegmentSnapshots snapshots(db_);
  return RecountInSnapshots<CountedVisit>(
      snapshots, before, after,
      [&](SegmentId segment, absl::Span<const CountedVisit> members_before,
          absl::Span<const CountedVisit> members_after) {
        return RecountIn(segment, members_before, members_after);
      });
}

absl::Status SqlVisitAggregates::RecountIn(SegmentId segment, absl::Span<const CountedVisit> before,
                                           absl::Span<const CountedVisit> after) {
  if (before.empty() && after.empty()) return absl::OkStatus();
  std::set<DimensionDay> touched;
  for (absl::Span<const CountedVisit> visits : {before, after}) {
    for (const CountedVisit& visit : visits) {
      AddDimensionDays(UtcDayStartMicros(QuarterHourStartMicros(visit.occur_time)), touched);
    }
  }
  CXHUB_ASSIGN_OR_RETURN(ListedValues listed, LoadListed(db_, touched, /*lock=*/true));
  std::vector<std::tuple<int64_t, int64_t, std::string>> newly_listed;
  std::map<QuarterKey, int64_t> quarters;
  std::map<QuarterTotalKey, int64_t> quarter_totals;
  std::map<DayKey, int64_t> days;
  std::map<ValueKey, ValueChange> values;
  // A visit goes out of the row it went into: its value's when listed on its day, else the
  // day's unlisted row. Coming in, an unlisted value is listed while the day has room; in a
  // segment's counts, never (the counts over everyone, written first, list it or found no room).
  auto add = [&](const CountedVisit& visit, int64_t sign) {
    const int64_t quarter = QuarterHourStartMicros(visit.occur_time);
    const int64_t day = UtcDayStartMicros(quarter);
    const int64_t intent = static_cast<int64_t>(visit.intent);
    quarters[{quarter, intent, visit.touchpoint_id, visit.channel}] += sign;
    quarter_totals[{quarter, intent, visit.channel}] += sign;
    days[{day, visit.touchpoint_id, visit.channel, intent}] += sign;
    for (size_t d = 0; d < kVisitDimensions.size(); ++d) {
      const int64_t dimension = static_cast<int64_t>(kVisitDimensions[d]);
      const std::string& value = visit.values[d];
      std::set<std::string>& day_values = listed[{dimension, day}];
      bool is_listed = day_values.count(value) > 0;
      if (!is_listed && sign > 0 && segment == 0 &&
          day_values.size() < static_cast<size_t>(kVisitValuesListedPerDay)) {
        day_values.insert(value);
        newly_listed.emplace_back(dimension, day, value);
        is_listed = true;
      }
      ValueChange& change = values[{day, dimension, visit.touchpoint_id, visit.channel,
                                    is_listed ? 1 : 0, is_listed ? value : ""}];
      change.visits += sign;
      if (visit.intent == VisitIntent::kTransactional) change.transactional += sign;
      if (visit.intent == VisitIntent::kInformational) change.informational += sign;
    }
  };
  for (const CountedVisit& visit : before) add(visit, -1);
  for (const CountedVisit& visit : after) add(visit, +1);
  for (const auto& [dimension, day, value] : newly_listed) {
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("INSERT INTO visit_intent_listed_values (dimension, bucket_start, value) "
                    "VALUES (?, ?, ?)",
                    {dimension, day, value})
            .status());
  }
  std::vector<CountChange> quarter_rows;
  for (const auto& [key, change] : quarters) {
    const auto& [bucket, intent, touchpoint, channel] = key;
    quarter_rows.push_back({{bucket, intent, touchpoint, channel}, change});
  }
  std::vector<CountChange> quarter_total_rows;
  for (const auto& [key, change] : quarter_totals) {
    const auto& [bucket, intent, channel] = key;
    quarter_total_rows.push_back({{bucket, intent, channel}, change});
  }
  std::vector<CountChange> day_rows;
  for (const auto& [key, change] : days) {
    const auto& [bucket, touchpoint, channel, intent] = key;
    day_rows.push_back({{kAllVisits, bucket, touchpoint, channel, intent, ""}, change});
  }
  std::vector<CountChange> value_rows;
  std::map<ValueTotalKey, ValueChange> totals;
  std::map<ValueTotalKey, ValueChange> month_totals;
  for (const auto& [key, change] : values) {
    const auto& [bucket, dimension, touchpoint, channel, is_listed, value] = key;
    value_rows.push_back({{bucket, dimension, touchpoint, channel, is_listed, value},
                          change.visits,
                          {change.transactional, change.informational}});
    totals[{bucket, dimension, channel, is_listed, value}] += change;
    month_totals[{UtcMonthStartMicros(bucket), dimension, channel, is_listed, value}] += change;
  }
  std::vector<CountChange> total_rows = ValueTotalRows(totals);
  std::vector<CountChange> month_total_rows = ValueTotalRows(month_totals);
  for (const auto& [table, rows] : {std::pair{&kQuarterCounts, &quarter_rows},
                                    {&kQuarterTotals, &quarter_total_rows},
                                    {&kDayCounts, &day_rows},
                                    {&kValueCounts, &value_rows},
                                    {&kValueTotals, &total_rows},
                                    {&kValueMonthTotals, &month_total_rows}}) {
    CXHUB_RETURN_IF_ERROR(AddToSegmentCounts(db_, *table, segment, *rows));
  }
  return absl::OkStatus();
}

absl::Status SqlVisitAggregates::RecountAllIfPending() {
  CXHUB_ASSIGN_OR_RETURN(
      const bool pending,
      db_.Exists(absl::StrCat("SELECT id FROM visit_count_rebuilds", db_.dialect().lock_rows), {}));
  if (!pending) return absl::OkStatus();
  for (const CountTable* counts : kAllCounts) {
    CXHUB_RETURN_IF_ERROR(db_.Execute(absl::StrCat("DELETE FROM ", counts->table), {}).status());
  }
  CXHUB_RETURN_IF_ERROR(db_.Execute("DELETE FROM visit_intent_listed_values", {}).status());
  constexpr int64_t kPage = 5000;
  constexpr size_t kIdsPerUpdate = 512;
  const std::string page_sql =
      absl::StrCat("SELECT ", kVisitColumns,
                   " FROM interactions WHERE kind = ? AND id > ? ORDER BY id LIMIT ", kPage);
  for (InteractionId after = 0;;) {
    std::vector<CountedVisit> page;
    std::vector<bool> stored;
    CXHUB_RETURN_IF_ERROR(
        db_.ForEachRow(page_sql, {static_cast<int64_t>(InteractionKind::kVisit), after},
                       [&](const Statement& row) -> absl::Status {
                         CXHUB_ASSIGN_OR_RETURN(CountedVisit visit, VisitFromRow(row));
                         stored.push_back(!row.ColumnIsNull(5));
                         page.push_back(std::move(visit));
                         return absl::OkStatus();
                       }));
    if (page.empty()) break;
    // The intents not stored yet, one statement per intent and list of ids rather than one per
    // visit (a million single-row UPDATEs took most of a recount on MySQL).
    std::array<std::vector<int64_t>, kVisitIntentCount> unstored;
    for (size_t i = 0; i < page.size(); ++i) {
      if (!stored[i]) unstored[static_cast<size_t>(page[i].intent)].push_back(page[i].id);
    }
    for (int64_t intent = 0; intent < kVisitIntentCount; ++intent) {
      const std::vector<int64_t>& ids = unstored[static_cast<size_t>(intent)];
      for (size_t first = 0; first < ids.size(); first += kIdsPerUpdate) {
        std::vector<Param> params = {intent};
        const std::string id_list = IdList(
            absl::MakeConstSpan(ids).subspan(first, std::min(kIdsPerUpdate, ids.size() - first)),
            params);
        CXHUB_RETURN_IF_ERROR(
            db_.Execute(
                   absl::StrCat("UPDATE interactions SET visit_intent = ? WHERE id IN ", id_list),
                   params)
                .status());
      }
    }
    CXHUB_RETURN_IF_ERROR(Recount({}, page));
    after = page.back().id;
  }
  return db_.Execute("DELETE FROM visit_count_rebuilds", {}).status();
}

absl::StatusOr<VisitSums> SqlVisitAggregates::Sum(const VisitFilter& filter) {
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.start_time, "start_time"));
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.end_time, "end_time"));
  const int64_t start = Micros(filter.start_time);
  const int64_t end = Micros(filter.end_time);
  VisitSums sums;
  // The whole days from their counts; the hours before and after them from the visits, since
  // the quarter-hour counts have no dimensions: the hours inside the range added, or, where the
  // plan reads an end's day whole, the hours outside it taken away (the shorter part, so that
  // a range from midnight in New York reads 5 hours of visits at its start rather than 19).
  const DaySumPlan plan = PlanDaySum(start, end, {});
  if (plan.days.has_value()) CXHUB_RETURN_IF_ERROR(SumDays(db_, filter, *plan.days, sums));
  VisitTally inside;
  for (const MicrosRange& range : plan.quarter_ranges) {
    const bool is_inside = range.from >= start && range.to <= end;
    VisitTally outside;
    CXHUB_RETURN_IF_ERROR(ForEachVisitIn(db_, filter, range, [&](const CountedVisit& visit) {
      (is_inside ? inside : outside).Add(visit);
    }));
    if (is_inside) continue;
    const int64_t day = UtcDayStartMicros(range.from);
    std::set<DimensionDay> keys;
    AddDimensionDays(day, keys);
    CXHUB_ASSIGN_OR_RETURN(const ListedValues listed, LoadListed(db_, keys, /*lock=*/false));
    outside.SubtractFrom(sums, listed, day);
  }
  inside.AddTo(sums);
  if (filter.per_bucket) {
    CXHUB_ASSIGN_OR_RETURN(sums.buckets, SumSeries(db_, filter, start, end));
  }
  return sums;
}

}  // namespace cxhub
