#include "server/storage/sql_customer_activity.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/count_rows.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_segment_snapshots.h"
#include "server/storage/touchpoint_channel_sql.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kKeyColumns[] = {"customer_id", "bucket_start", "channel",
                                             "touchpoint_id"};
constexpr CountTable kActivity = {"customer_activity", kKeyColumns, "interactions"};

// One row of customer_activity, in kKeyColumns order.
using ActivityKey = std::tuple<CustomerId, int64_t, std::string, TouchpointId>;

// Net change per row, so that what goes out and comes back in costs nothing.
void AddChanges(absl::Span<const ScoredInteraction> interactions, int64_t sign,
                std::map<ActivityKey, int64_t>& changes) {
  for (const ScoredInteraction& interaction : interactions) {
    changes[{interaction.customer_id, QuarterHourStartMicros(interaction.occur_time),
             interaction.channel, interaction.touchpoint_id}] += sign;
  }
}

absl::Status CheckFilter(const CustomerActivityFilter& filter) {
  if (filter.start_time == absl::InfinitePast() || filter.end_time == absl::InfiniteFuture() ||
      filter.start_time >= filter.end_time) {
    return absl::InvalidArgumentError("the period must be finite and end after it starts");
  }
  if (filter.activity_window <= absl::ZeroDuration() ||
      absl::ToInt64Microseconds(filter.activity_window) %
              absl::ToInt64Microseconds(kScoreBucketWidth) !=
          0) {
    return absl::InvalidArgumentError("the activity window must be whole quarter hours");
  }
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.start_time, "start_time"));
  return CheckOnQuarterHour(filter.end_time, "end_time");
}

// Per customer seen in the activity of [start - window, end) matching the filter: whether
// active at the start, at the end, and the first quarter hour seen; appends its parameters.
std::string SeenSql(const CustomerActivityFilter& filter, std::vector<Param>& params) {
  const int64_t start = Micros(filter.start_time);
  const int64_t end = Micros(filter.end_time);
  const int64_t window = absl::ToInt64Microseconds(filter.activity_window);
  params.insert(params.end(), {start, end - window, start - window, end});
  const std::string narrowing =
      TouchpointChannelSql(filter.touchpoint_id, filter.channel, "activity.", params);
  return absl::StrCat(
      "SELECT activity.customer_id AS customer_id, "
      "MAX(CASE WHEN activity.bucket_start < ? THEN 1 ELSE 0 END) AS at_start, "
      "MAX(CASE WHEN activity.bucket_start >= ? THEN 1 ELSE 0 END) AS at_end, "
      "MIN(activity.bucket_start) AS first_seen FROM customer_activity activity "
      "WHERE activity.bucket_start >= ? AND activity.bucket_start < ?",
      narrowing, " GROUP BY activity.customer_id");
}

}  // namespace

absl::Status SqlCustomerActivity::Recount(absl::Span<const ScoredInteraction> before,
                                          absl::Span<const ScoredInteraction> after) {
  std::map<ActivityKey, int64_t> changes;
  AddChanges(before, -1, changes);
  AddChanges(after, +1, changes);
  std::vector<CountChange> rows;
  rows.reserve(changes.size());
  // A customer with a quarter hour counted down may have lost it: their spells are built again
  // from all their activity. Anyone else's only grew, and only the spells near it are read.
  absl::btree_set<CustomerId> counted_down;
  for (const auto& [key, change] : changes) {
    if (change == 0) continue;
    const auto& [customer, bucket_start, channel, touchpoint] = key;
    rows.push_back({{customer, bucket_start, channel, touchpoint}, change});
    if (change < 0) counted_down.insert(customer);
  }
  // A quarter hour whose row was there before is in its customer's spells already (in every
  // scope the row names), so only new rows can change spells; without one, no spell is read.
  absl::flat_hash_set<const ActivityKey*> counted_before;  // Keys of `changes`.
  CXHUB_RETURN_IF_ERROR(AddToCounts(db_, kActivity, rows, [&](const Statement& row) {
    const auto change = changes.find(
        {row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnText(2), row.ColumnInt64(3)});
    if (change != changes.end() && row.ColumnInt64(4) != change->second) {
      counted_before.insert(&change->first);
    }
    return absl::OkStatus();
  }));
  std::vector<ActivityQuarter> grown;
  for (const auto& [key, change] : changes) {
    const auto& [customer, bucket_start, channel, touchpoint] = key;
    if (change > 0 && !counted_down.contains(customer) && !counted_before.contains(&key)) {
      grown.push_back({customer, bucket_start, channel, touchpoint});
    }
  }
  CXHUB_RETURN_IF_ERROR(spells_.Rebuild(counted_down));
  CXHUB_RETURN_IF_ERROR(spells_.Add(grown));
  // Every customer written, changed activity or not: a segment's rule also reads the kind,
  // direction, intent and score of their interactions.
  std::vector<CustomerId> written;
  for (absl::Span<const ScoredInteraction> interactions : {before, after}) {
    for (const ScoredInteraction& interaction : interactions) {
      written.push_back(interaction.customer_id);
    }
  }
  return SqlSegmentSnapshots(db_).MarkChanged(written);
}

absl::Status SqlCustomerActivity::Forget(CustomerId customer) {
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("DELETE FROM customer_activity WHERE customer_id = ?", {customer}).status());
  CXHUB_RETURN_IF_ERROR(SqlSegmentSnapshots(db_).MarkChanged({customer}));
  return spells_.Rebuild({customer});
}

absl::StatusOr<ActivityCounts> SqlCustomerActivity::Count(const CustomerActivityFilter& filter) {
  CXHUB_ASSIGN_OR_RETURN(const std::vector<ActivityCounts> counts,
                         Count(filter, {ActivityPeriod{filter.start_time, filter.end_time}}));
  return counts.front();
}

absl::StatusOr<std::vector<ActivityCounts>> SqlCustomerActivity::Count(
    const CustomerActivityFilter& filter, absl::Span<const ActivityPeriod> periods) {
  std::vector<CustomerActivityFilter> each(periods.size(), filter);
  for (size_t i = 0; i < periods.size(); ++i) {
    each[i].start_time = periods[i].start_time;
    each[i].end_time = periods[i].end_time;
    CXHUB_RETURN_IF_ERROR(CheckFilter(each[i]));
  }
  CXHUB_ASSIGN_OR_RETURN(std::optional<std::vector<ActivityCounts>> from_spells,
                         spells_.Count(filter, periods));
  if (from_spells.has_value()) return *std::move(from_spells);
  std::vector<ActivityCounts> counts;
  for (const CustomerActivityFilter& period : each) {
    CXHUB_ASSIGN_OR_RETURN(ActivityCounts one, CountFromQuarterHours(period));
    counts.push_back(one);
  }
  return counts;
}

// One pass over the activity of [start - window, end), grouped by customer, says who was active
// at the start and at the end and who first appeared inside the period; only those are looked
// up (by primary key) for earlier activity, which would make them returning, not new.
absl::StatusOr<ActivityCounts> SqlCustomerActivity::CountFromQuarterHours(
    const CustomerActivityFilter& filter) {
  if (filter.only_customers != nullptr) return CountOnly(filter, *filter.only_customers);
  const int64_t start = Micros(filter.start_time);
  const int64_t window = absl::ToInt64Microseconds(filter.activity_window);
  std::vector<Param> params = {start, start - window};
  const std::string earlier_narrowing =
      TouchpointChannelSql(filter.touchpoint_id, filter.channel, "earlier.", params);
  const std::string sql = absl::StrCat(
      "SELECT COALESCE(SUM(at_start), 0), COALESCE(SUM(at_start * at_end), 0), "
      "COALESCE(SUM(at_end), 0), COALESCE(SUM(CASE WHEN first_seen >= ? AND NOT EXISTS ("
      "SELECT 1 FROM customer_activity earlier WHERE earlier.customer_id = seen.customer_id "
      "AND earlier.bucket_start < ?",
      earlier_narrowing, ") THEN 1 ELSE 0 END), 0) FROM (", SeenSql(filter, params), ") seen");
  CXHUB_ASSIGN_OR_RETURN(std::optional<ActivityCounts> counts,
                         db_.QueryOne<ActivityCounts>(sql, params, ActivityCountsFromRow));
  return counts.value_or(ActivityCounts());
}

// The same pass, per customer, of which only `customers` are counted; each of them first seen
// in the period is looked up for earlier activity.
absl::StatusOr<ActivityCounts> SqlCustomerActivity::CountOnly(
    const CustomerActivityFilter& filter, const absl::flat_hash_set<CustomerId>& customers) {
  struct Seen {
    CustomerId customer;
    int64_t at_start;
    int64_t at_end;
    int64_t first_seen;
  };
  std::vector<Param> params;
  const std::string sql = SeenSql(filter, params);
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<Seen> seen,
      db_.Query<Seen>(sql, params, [](const Statement& row) -> absl::StatusOr<Seen> {
        return Seen{row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnInt64(2), row.ColumnInt64(3)};
      }));
  const int64_t start = Micros(filter.start_time);
  const int64_t window = absl::ToInt64Microseconds(filter.activity_window);
  ActivityCounts counts;
  for (const Seen& customer : seen) {
    if (!customers.contains(customer.customer)) continue;
    counts.active_at_start += customer.at_start;
    counts.retained += customer.at_start * customer.at_end;
    counts.active_at_end += customer.at_end;
    if (customer.first_seen < start) continue;
    std::vector<Param> earlier_params = {customer.customer, start - window};
    const std::string narrowing =
        TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", earlier_params);
    CXHUB_ASSIGN_OR_RETURN(
        const bool earlier,
        db_.Exists(absl::StrCat("SELECT 1 FROM customer_activity WHERE customer_id = ? AND "
                                "bucket_start < ?",
                                narrowing),
                   earlier_params));
    if (!earlier) ++counts.new_during;
  }
  return counts;
}

}  // namespace cxhub
