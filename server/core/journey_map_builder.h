// Builds a JourneyMap (journey_map.h) from interactions handed over one at a time, in the order
// StoreReader::ForEachJourneyStep gives them: grouped by customer, in time order within each.
// Memory grows with touchpoints, transitions and distinct paths, and with the interactions of
// one customer, not with the range: the interactions themselves are never kept.
//
// Not thread safe; one builder per map.
#ifndef CXHUB_SERVER_CORE_JOURNEY_MAP_BUILDER_H_
#define CXHUB_SERVER_CORE_JOURNEY_MAP_BUILDER_H_

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/figures/score_figures.h"
#include "server/core/journey_map.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

class JourneyMapBuilder {
 public:
  // Only the customers in `only_customers` make the map; null: every customer. The set, when
  // given, must outlive the builder.
  explicit JourneyMapBuilder(const absl::flat_hash_set<CustomerId>* only_customers = nullptr)
      : only_customers_(only_customers) {}

  // The next interaction: after the previous one of its customer in time, and after every
  // interaction of the customers handed over before it.
  void Add(const JourneyStep& step);

  // The map, with the display names and stages of `touchpoints` (a touchpoint missing there
  // keeps an empty name and no stage) and at most `max_paths` (> 0) paths. Ends the builder.
  JourneyMap Finish(absl::Span<const Touchpoint> touchpoints, int max_paths);

 private:
  struct StageTally {
    int64_t interactions = 0;
    int64_t customers = 0;
    std::array<ScoreCounts, 3> scores;  // By SurveyMetric - 1.
    std::vector<int64_t> micros_to_next;
    int64_t journeys_starting = 0;
    int64_t journeys_ending = 0;
  };
  struct TransitionTally {
    int64_t moves = 0;
    int64_t customers = 0;
  };
  using Move = std::pair<TouchpointId, TouchpointId>;

  void StartCustomer(CustomerId customer);
  // Counts what only the whole of the current customer's interactions tell.
  void EndCustomer();
  void AddStep(TouchpointId touchpoint, absl::Time time);
  std::vector<JourneyMapStage> Stages(absl::Span<const Touchpoint> touchpoints);
  std::vector<JourneyTransition> Transitions() const;
  std::vector<JourneyPath> Paths(int max_paths) const;

  const absl::flat_hash_set<CustomerId>* const only_customers_;
  absl::flat_hash_map<TouchpointId, StageTally> stages_;  // Key 0: no touchpoint.
  absl::flat_hash_map<Move, TransitionTally> transitions_;
  absl::flat_hash_map<std::vector<TouchpointId>, int64_t> paths_;
  int64_t customers_ = 0;
  int64_t journeys_ = 0;
  int64_t interactions_without_touchpoint_ = 0;
  int64_t customers_without_touchpoint_ = 0;

  // The customer being read.
  std::optional<CustomerId> customer_;
  std::vector<TouchpointId> path_;     // Collapsed.
  absl::Time last_at_step_;            // The last interaction at path_.back().
  std::vector<TouchpointId> visited_;  // Every interaction's touchpoint (0: none), repeated.
  std::vector<Move> moves_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_JOURNEY_MAP_BUILDER_H_
