#include "server/storage/sql_segment_refresh.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_score_aggregates.h"
#include "server/storage/sql_segment_members.h"
#include "server/storage/sql_segment_snapshots.h"
#include "server/storage/sql_visit_aggregates.h"
#include "server/storage/statement_shapes.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

// Above this many customers to evaluate again, the whole rule is evaluated instead: its queries
// then cost less than the candidates' IN lists.
constexpr size_t kMaxCandidates = 4096;
// Customers whose interactions are loaded and counted together at most. Each batch reads the
// listed visit values of every day its visits fall on (SqlVisitAggregates::RecountIn), so a
// first refresh, which counts every member in, does best with few large batches; their visits
// (about ten a customer) still fit in a few megabytes.
constexpr size_t kCustomersPerLoad = 2048;

std::vector<CustomerId> Union(std::vector<CustomerId> a, const std::vector<CustomerId>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

// a less b, both ascending.
std::vector<CustomerId> Difference(const std::vector<CustomerId>& a,
                                   const std::vector<CustomerId>& b) {
  std::vector<CustomerId> difference;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(difference));
  return difference;
}

}  // namespace

absl::Status SqlSegmentRefresh::Refresh(const Segment& segment, absl::Time now) {
  SqlSegmentSnapshots snapshots(db_);
  SqlSegmentMembers rule(db_);
  CXHUB_ASSIGN_OR_RETURN(const std::optional<absl::Time> evaluated,
                         snapshots.LockSnapshot(segment.id));
  CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> pending, snapshots.TakePending(segment.id));
  std::vector<CustomerId> was;
  std::vector<CustomerId> is;
  bool whole_rule = !evaluated.has_value();
  if (evaluated.has_value()) {
    CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> crossed,
                           CrossedWindowEdges(segment, *evaluated, now));
    const std::vector<CustomerId> candidates = Union(pending, crossed);
    whole_rule = candidates.size() > kMaxCandidates;
    if (!whole_rule && !candidates.empty()) {
      CXHUB_ASSIGN_OR_RETURN(is, rule.MatchAmong(segment.conditions, now, candidates));
      CXHUB_ASSIGN_OR_RETURN(SnapshotMembers members, snapshots.MembersAmong(candidates));
      was.assign(members[segment.id].begin(), members[segment.id].end());
      std::sort(was.begin(), was.end());
    }
  }
  if (whole_rule) {
    CXHUB_ASSIGN_OR_RETURN(is, rule.Match(segment.conditions, now));
    CXHUB_ASSIGN_OR_RETURN(was, snapshots.Members(segment.id));
  }
  const std::vector<CustomerId> joined = Difference(is, was);
  const std::vector<CustomerId> left = Difference(was, is);
  CXHUB_RETURN_IF_ERROR(Recount(segment.id, joined, left));
  return snapshots.Update(segment.id, now, joined, left);
}

absl::StatusOr<std::vector<CustomerId>> SqlSegmentRefresh::CrossedWindowEdges(
    const Segment& segment, absl::Time from, absl::Time to) {
  if (from > to) std::swap(from, to);
  if (from == to) return std::vector<CustomerId>{};
  // Each slice widened to whole quarter hours: the activity a rule may read is kept in them.
  std::vector<std::pair<int64_t, int64_t>> slices;
  auto add_slice = [&](absl::Time start, absl::Time end) {
    slices.emplace_back(QuarterHourStartMicros(start),
                        QuarterHourStartMicros(end) + absl::ToInt64Microseconds(kScoreBucketWidth));
  };
  for (const SegmentCondition& condition : segment.conditions) {
    if (condition.within_days <= 0) continue;  // Ever: the clock changes nothing.
    const absl::Duration window = absl::Hours(24) * condition.within_days;
    add_slice(from - window, to - window);
  }
  if (!slices.empty()) add_slice(from, to);  // Entering the windows.
  std::vector<CustomerId> crossed;
  for (const auto& [start, end] : slices) {
    CXHUB_RETURN_IF_ERROR(db_.ForEachRow(
        "SELECT DISTINCT customer_id FROM interactions WHERE occur_time >= ? AND occur_time < ?",
        {start, end}, [&](const Statement& row) -> absl::Status {
          crossed.push_back(row.ColumnInt64(0));
          return absl::OkStatus();
        }));
  }
  return Union(std::move(crossed), {});
}

absl::Status SqlSegmentRefresh::Recount(SegmentId segment, absl::Span<const CustomerId> joined,
                                        absl::Span<const CustomerId> left) {
  SqlVisitAggregates visits(db_);
  SqlScoreAggregates scores(db_);
  for (const auto& [customers, joining] : {std::pair{joined, true}, {left, false}}) {
    for (size_t first = 0; first < customers.size(); first += kCustomersPerLoad) {
      std::vector<Param> params;
      const std::string where = absl::StrCat(
          "customer_id IN ",
          IdList(customers.subspan(first, std::min(kCustomersPerLoad, customers.size() - first)),
                 params));
      // Loaded with a row lock: a writer adding one of them commits first (see
      // sql_segment_snapshots.h).
      CXHUB_ASSIGN_OR_RETURN(const std::vector<CountedVisit> counted_visits,
                             visits.Load(where, params));
      CXHUB_ASSIGN_OR_RETURN(const std::vector<ScoredInteraction> scored,
                             scores.LoadScored(where, params));
      if (joining) {
        CXHUB_RETURN_IF_ERROR(visits.RecountIn(segment, {}, counted_visits));
        CXHUB_RETURN_IF_ERROR(scores.RecountIn(segment, {}, scored));
      } else {
        CXHUB_RETURN_IF_ERROR(visits.RecountIn(segment, counted_visits, {}));
        CXHUB_RETURN_IF_ERROR(scores.RecountIn(segment, scored, {}));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace cxhub
