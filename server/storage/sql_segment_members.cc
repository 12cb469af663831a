#include "server/storage/sql_segment_members.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/statement_shapes.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

// The customers one condition selects: `ids` match it, or, when `complement`, every live
// customer but `ids` does (conditions on an absence).
struct Selection {
  std::vector<CustomerId> ids;  // Ascending, distinct.
  bool complement = false;
};

// Candidates per evaluation at most (MatchAmong), the length of its IN lists.
constexpr size_t kCandidatesPerQuery = 256;

CustomerId IdFromRow(const Statement& row) { return row.ColumnInt64(0); }

std::vector<CustomerId> Sorted(std::vector<CustomerId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// " AND <column> IN (...)" of `among`, or nothing for every customer (null).
std::string AmongSql(absl::string_view column, const std::vector<CustomerId>* among,
                     std::vector<Param>& params) {
  if (among == nullptr) return "";
  return absl::StrCat(" AND ", column, " IN ", IdList(*among, params));
}

// " AND <column> in the condition's window" (nothing for within_days 0, ever), the column in
// microseconds; with `quarter_hours`, the window starts at its first quarter hour, as the
// activity is kept.
std::string WindowSql(const SegmentCondition& condition, absl::Time now, absl::string_view column,
                      bool quarter_hours, std::vector<Param>& params) {
  if (condition.within_days <= 0) return "";
  const absl::Time start = now - absl::Hours(24) * condition.within_days;
  params.emplace_back(quarter_hours ? QuarterHourStartMicros(start) : Micros(start));
  params.emplace_back(Micros(now));
  return absl::StrCat(" AND ", column, " >= ? AND ", column, " < ?");
}

// " AND ..." of the condition's channel and touchpoint, when set.
std::string ChannelTouchpointSql(const SegmentCondition& condition, std::vector<Param>& params) {
  std::string sql;
  if (!condition.channel.empty()) {
    sql += " AND channel = ?";
    params.emplace_back(condition.channel);
  }
  if (condition.touchpoint_id != 0) {
    sql += " AND touchpoint_id = ?";
    params.emplace_back(condition.touchpoint_id);
  }
  return sql;
}

// The customer activity (per customer, quarter hour, channel and touchpoint) matching the
// condition's channel, touchpoint and window: far fewer rows than the interactions, the window
// a range of its time index.
std::string ActivitySql(const SegmentCondition& condition, absl::Time now,
                        std::vector<Param>& params) {
  std::string sql = WindowSql(condition, now, "bucket_start", /*quarter_hours=*/true, params);
  return sql + ChannelTouchpointSql(condition, params);
}

// The customers with activity matching `condition` (its channel, touchpoint and window).
absl::StatusOr<Selection> WithActivity(TransactionContext& db, const SegmentCondition& condition,
                                       absl::Time now, bool complement,
                                       const std::vector<CustomerId>* among) {
  std::vector<Param> params;
  std::string where = ActivitySql(condition, now, params);
  where += AmongSql("customer_id", among, params);
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<CustomerId> ids,
      db.Query<CustomerId>(
          absl::StrCat("SELECT DISTINCT customer_id FROM customer_activity WHERE 1 = 1", where),
          params, IdFromRow));
  return Selection{Sorted(std::move(ids)), complement};
}

// The customers with at least `at_least` interactions matching `condition`: from the activity
// without a kind, direction or visit intent, else from the interactions by their (kind, time)
// index (a visit intent implies kind VISIT).
absl::StatusOr<std::vector<CustomerId>> CountingAtLeast(TransactionContext& db,
                                                        const SegmentCondition& condition,
                                                        absl::Time now, int64_t at_least,
                                                        const std::vector<CustomerId>* among) {
  std::vector<Param> params;
  std::string sql;
  if (!condition.interaction_kind.has_value() && !condition.direction.has_value() &&
      !condition.visit_intent.has_value()) {
    sql = absl::StrCat("SELECT customer_id FROM customer_activity WHERE 1 = 1",
                       ActivitySql(condition, now, params));
    sql += AmongSql("customer_id", among, params);
    sql += " GROUP BY customer_id HAVING SUM(interactions) >= ?";
  } else {
    std::string criteria;
    const std::optional<InteractionKind> kind =
        condition.visit_intent.has_value() ? InteractionKind::kVisit : condition.interaction_kind;
    if (kind.has_value()) {
      criteria += " AND kind = ?";
      params.emplace_back(static_cast<int64_t>(*kind));
    }
    if (condition.direction.has_value()) {
      criteria += " AND direction = ?";
      params.emplace_back(static_cast<int64_t>(*condition.direction));
    }
    if (condition.visit_intent.has_value()) {  // NULL on every kind but visits.
      criteria += " AND visit_intent = ?";
      params.emplace_back(static_cast<int64_t>(*condition.visit_intent));
    }
    criteria += ChannelTouchpointSql(condition, params);
    sql = absl::StrCat("SELECT customer_id FROM interactions WHERE 1 = 1", criteria,
                       WindowSql(condition, now, "occur_time", /*quarter_hours=*/false, params));
    sql += AmongSql("customer_id", among, params);
    sql += " GROUP BY customer_id HAVING COUNT(*) >= ?";
  }
  params.emplace_back(at_least);
  CXHUB_ASSIGN_OR_RETURN(std::vector<CustomerId> ids, db.Query<CustomerId>(sql, params, IdFromRow));
  return Sorted(std::move(ids));
}

absl::StatusOr<Selection> WithAttribute(TransactionContext& db, const SegmentCondition& condition,
                                        const std::vector<CustomerId>* among) {
  struct Row {
    CustomerId id;
    std::string attributes;
  };
  std::vector<Param> params;
  const std::string sql =
      absl::StrCat("SELECT id, attributes FROM customers WHERE merged_into IS NULL",
                   AmongSql("id", among, params));
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query<Row>(sql, params, [](const Statement& row) -> absl::StatusOr<Row> {
        return Row{row.ColumnInt64(0), row.ColumnBlob(1)};
      }));
  Selection selection;
  for (const Row& row : rows) {
    CXHUB_ASSIGN_OR_RETURN(const Attributes attributes, DecodeAttributes(row.attributes));
    auto found = attributes.find(condition.attribute_key);
    if (found == attributes.end()) continue;
    if (condition.attribute_value.empty() || found->second == condition.attribute_value) {
      selection.ids.push_back(row.id);
    }
  }
  selection.ids = Sorted(std::move(selection.ids));
  return selection;
}

// At least N: the customers counting N or more. At most N: all but those counting more than N.
absl::StatusOr<Selection> WithInteractionCount(TransactionContext& db,
                                               const SegmentCondition& condition, absl::Time now,
                                               const std::vector<CustomerId>* among) {
  const bool at_most = condition.comparison == CountComparison::kAtMost;
  if (!at_most && condition.count <= 0) return Selection{{}, /*complement=*/true};  // Anybody.
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<CustomerId> ids,
      CountingAtLeast(db, condition, now, at_most ? condition.count + 1 : condition.count, among));
  return Selection{std::move(ids), at_most};
}

// The customers whose latest survey answer of the metric (in the window) is in range: one pass
// over the answers, keeping each customer's latest by (occur_time, id).
absl::StatusOr<Selection> WithLastScore(TransactionContext& db, const SegmentCondition& condition,
                                        absl::Time now, const std::vector<CustomerId>* among) {
  struct Answer {
    CustomerId customer;
    int64_t occur_time;
    InteractionId id;
    int64_t score;
  };
  std::vector<Param> params = {static_cast<int64_t>(condition.metric)};
  std::string window = WindowSql(condition, now, "occur_time", /*quarter_hours=*/false, params);
  window += AmongSql("customer_id", among, params);
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<Answer> answers,
      db.Query<Answer>(absl::StrCat("SELECT customer_id, occur_time, id, survey_score FROM "
                                    "interactions WHERE survey_metric = ?",
                                    window),
                       params, [](const Statement& row) -> absl::StatusOr<Answer> {
                         return Answer{row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnInt64(2),
                                       row.ColumnInt64(3)};
                       }));
  absl::flat_hash_map<CustomerId, Answer> latest;
  for (const Answer& answer : answers) {
    auto [it, inserted] = latest.try_emplace(answer.customer, answer);
    if (!inserted && std::make_pair(answer.occur_time, answer.id) >
                         std::make_pair(it->second.occur_time, it->second.id)) {
      it->second = answer;
    }
  }
  Selection selection;
  for (const auto& [customer, answer] : latest) {
    if (answer.score >= condition.min_score && answer.score <= condition.max_score) {
      selection.ids.push_back(customer);
    }
  }
  selection.ids = Sorted(std::move(selection.ids));
  return selection;
}

// The customers `condition` selects at `now`, among `among` (null: among everyone).
absl::StatusOr<Selection> Select(TransactionContext& db, const SegmentCondition& condition,
                                 absl::Time now, const std::vector<CustomerId>* among) {
  switch (condition.kind) {
    case SegmentConditionKind::kAttribute:
      return WithAttribute(db, condition, among);
    case SegmentConditionKind::kChannel:
    case SegmentConditionKind::kTouchpoint:
    case SegmentConditionKind::kActivity:
      return WithActivity(db, condition, now, condition.inactive, among);
    case SegmentConditionKind::kInteractionCount:
      return WithInteractionCount(db, condition, now, among);
    case SegmentConditionKind::kScore:
      return WithLastScore(db, condition, now, among);
  }
  return absl::InvalidArgumentError("unknown segment condition kind");
}

// `members` narrowed by `selection` (both ascending).
std::vector<CustomerId> Narrow(const std::vector<CustomerId>& members, const Selection& selection) {
  std::vector<CustomerId> narrowed;
  if (selection.complement) {
    std::set_difference(members.begin(), members.end(), selection.ids.begin(), selection.ids.end(),
                        std::back_inserter(narrowed));
  } else {
    std::set_intersection(members.begin(), members.end(), selection.ids.begin(),
                          selection.ids.end(), std::back_inserter(narrowed));
  }
  return narrowed;
}

}  // namespace

absl::StatusOr<std::vector<CustomerId>> SqlSegmentMembers::Match(
    const std::vector<SegmentCondition>& conditions, absl::Time now) {
  return MatchIn(conditions, now, nullptr);
}

absl::StatusOr<std::vector<CustomerId>> SqlSegmentMembers::MatchAmong(
    const std::vector<SegmentCondition>& conditions, absl::Time now,
    absl::Span<const CustomerId> candidates) {
  const std::vector<CustomerId> ids = Sorted({candidates.begin(), candidates.end()});
  std::vector<CustomerId> members;
  for (size_t first = 0; first < ids.size(); first += kCandidatesPerQuery) {
    const std::vector<CustomerId> chunk(
        ids.begin() + first, ids.begin() + std::min(ids.size(), first + kCandidatesPerQuery));
    CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> matched, MatchIn(conditions, now, &chunk));
    members.insert(members.end(), matched.begin(), matched.end());
  }
  return members;
}

absl::StatusOr<std::vector<CustomerId>> SqlSegmentMembers::MatchIn(
    const std::vector<SegmentCondition>& conditions, absl::Time now,
    const std::vector<CustomerId>* among) {
  std::vector<Param> params;
  const std::string sql = absl::StrCat("SELECT id FROM customers WHERE merged_into IS NULL",
                                       AmongSql("id", among, params));
  CXHUB_ASSIGN_OR_RETURN(std::vector<CustomerId> members,
                         db_.Query<CustomerId>(sql, params, IdFromRow));
  members = Sorted(std::move(members));
  for (const SegmentCondition& condition : conditions) {
    if (members.empty()) break;
    CXHUB_ASSIGN_OR_RETURN(const Selection selection, Select(db_, condition, now, among));
    members = Narrow(members, selection);
  }
  return members;
}

absl::StatusOr<std::vector<ChannelUse>> SqlSegmentMembers::CountChannelUse(
    const absl::flat_hash_set<CustomerId>& customers) {
  struct Row {
    CustomerId customer;
    std::string channel;
    int64_t interactions;
  };
  // The activity table holds every interaction under its live customer, far fewer rows than
  // the interactions where customers come back within a quarter hour.
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db_.Query<Row>("SELECT customer_id, channel, interactions FROM customer_activity", {},
                     [](const Statement& row) -> absl::StatusOr<Row> {
                       return Row{row.ColumnInt64(0), row.ColumnText(1), row.ColumnInt64(2)};
                     }));
  std::map<std::string, std::pair<int64_t, absl::flat_hash_set<CustomerId>>> per_channel;
  for (const Row& row : rows) {
    if (row.interactions <= 0 || !customers.contains(row.customer)) continue;
    auto& [interactions, users] = per_channel[row.channel];
    interactions += row.interactions;
    users.insert(row.customer);
  }
  std::vector<ChannelUse> uses;
  for (const auto& [channel, use] : per_channel) {
    uses.push_back({channel, use.first, static_cast<int64_t>(use.second.size())});
  }
  return uses;
}

}  // namespace cxhub
