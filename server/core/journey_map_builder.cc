#include "server/core/journey_map_builder.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/figures/median.h"
#include "server/core/figures/score_figures.h"
#include "server/core/journey_map.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

// Sorts and removes repeats, so each value counts once.
template <typename T>
void SortUnique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

void AddAnswer(const JourneyStep& step, std::array<ScoreCounts, 3>& scores) {
  if (!step.survey_metric.has_value() || step.survey_score < 0 || step.survey_score > 10) return;
  const int metric = static_cast<int>(*step.survey_metric) - 1;
  if (metric < 0 || metric >= static_cast<int>(scores.size())) return;
  ++scores[metric].answers[step.survey_score];
}

std::optional<absl::Duration> Median(std::vector<int64_t> micros) {
  if (micros.empty()) return std::nullopt;
  std::sort(micros.begin(), micros.end());
  return absl::Microseconds(MedianOfSorted(micros));
}

}  // namespace

void JourneyMapBuilder::Add(const JourneyStep& step) {
  if (only_customers_ != nullptr && !only_customers_->contains(step.customer_id)) return;
  if (customer_ != step.customer_id) StartCustomer(step.customer_id);
  StageTally& stage = stages_[step.touchpoint_id];
  ++stage.interactions;
  AddAnswer(step, stage.scores);
  if (visited_.empty() || visited_.back() != step.touchpoint_id) {
    visited_.push_back(step.touchpoint_id);
  }
  if (step.touchpoint_id == 0) {
    ++interactions_without_touchpoint_;
  } else {
    AddStep(step.touchpoint_id, step.occur_time);
  }
}

void JourneyMapBuilder::AddStep(TouchpointId touchpoint, absl::Time time) {
  if (!path_.empty() && path_.back() != touchpoint) {
    const Move move = {path_.back(), touchpoint};
    stages_[move.first].micros_to_next.push_back(absl::ToInt64Microseconds(time - last_at_step_));
    ++transitions_[move].moves;
    moves_.push_back(move);
  }
  if (path_.empty() || path_.back() != touchpoint) path_.push_back(touchpoint);
  last_at_step_ = time;
}

void JourneyMapBuilder::StartCustomer(CustomerId customer) {
  if (customer_.has_value()) EndCustomer();
  customer_ = customer;
  path_.clear();
  visited_.clear();
  moves_.clear();
}

void JourneyMapBuilder::EndCustomer() {
  ++customers_;
  SortUnique(visited_);
  for (TouchpointId touchpoint : visited_) ++stages_[touchpoint].customers;
  SortUnique(moves_);
  for (const Move& move : moves_) ++transitions_[move].customers;
  if (path_.empty()) {
    ++customers_without_touchpoint_;
    return;
  }
  ++journeys_;
  ++stages_[path_.front()].journeys_starting;
  ++stages_[path_.back()].journeys_ending;
  ++paths_[path_];
}

JourneyMap JourneyMapBuilder::Finish(absl::Span<const Touchpoint> touchpoints, int max_paths) {
  if (customer_.has_value()) EndCustomer();
  customer_.reset();
  JourneyMap map;
  map.customers = customers_;
  map.journeys_with_touchpoints = journeys_;
  map.interactions_without_touchpoint = interactions_without_touchpoint_;
  map.customers_without_touchpoint = customers_without_touchpoint_;
  map.stages = Stages(touchpoints);
  map.transitions = Transitions();
  map.paths = Paths(max_paths);
  return map;
}

std::vector<JourneyMapStage> JourneyMapBuilder::Stages(absl::Span<const Touchpoint> touchpoints) {
  absl::flat_hash_map<TouchpointId, const Touchpoint*> by_id;
  for (const Touchpoint& touchpoint : touchpoints) by_id[touchpoint.id] = &touchpoint;
  std::vector<JourneyMapStage> stages;
  stages.reserve(stages_.size());
  for (auto& [id, tally] : stages_) {
    JourneyMapStage stage;
    stage.touchpoint_id = id;
    if (auto found = by_id.find(id); id != 0 && found != by_id.end()) {
      stage.display_name = found->second->display_name;
      stage.stage = found->second->stage;
    }
    stage.interactions = tally.interactions;
    stage.customers = tally.customers;
    stage.nps = ComputeNps(tally.scores[static_cast<int>(SurveyMetric::kNps) - 1]);
    stage.csat = ComputeCsat(tally.scores[static_cast<int>(SurveyMetric::kCsat) - 1]);
    stage.ces = ComputeCes(tally.scores[static_cast<int>(SurveyMetric::kCes) - 1]);
    stage.median_time_to_next = Median(std::move(tally.micros_to_next));
    stage.journeys_starting = tally.journeys_starting;
    stage.journeys_ending = tally.journeys_ending;
    stages.push_back(std::move(stage));
  }
  std::sort(stages.begin(), stages.end(), [](const JourneyMapStage& a, const JourneyMapStage& b) {
    return std::make_tuple(-a.interactions, a.touchpoint_id) <
           std::make_tuple(-b.interactions, b.touchpoint_id);
  });
  return stages;
}

std::vector<JourneyTransition> JourneyMapBuilder::Transitions() const {
  std::vector<JourneyTransition> transitions;
  transitions.reserve(transitions_.size());
  for (const auto& [move, tally] : transitions_) {
    transitions.push_back({move.first, move.second, tally.moves, tally.customers});
  }
  std::sort(transitions.begin(), transitions.end(),
            [](const JourneyTransition& a, const JourneyTransition& b) {
              return std::make_tuple(-a.moves, a.from_touchpoint_id, a.to_touchpoint_id) <
                     std::make_tuple(-b.moves, b.from_touchpoint_id, b.to_touchpoint_id);
            });
  return transitions;
}

std::vector<JourneyPath> JourneyMapBuilder::Paths(int max_paths) const {
  using Entry = std::pair<const std::vector<TouchpointId>*, int64_t>;
  std::vector<Entry> entries;
  entries.reserve(paths_.size());
  for (const auto& [path, customers] : paths_) entries.push_back({&path, customers});
  const auto more_common = [](const Entry& a, const Entry& b) {
    if (a.second != b.second) return a.second > b.second;
    return *a.first < *b.first;
  };
  const size_t kept = std::min(entries.size(), static_cast<size_t>(std::max(max_paths, 0)));
  std::partial_sort(entries.begin(), entries.begin() + kept, entries.end(), more_common);
  std::vector<JourneyPath> paths;
  paths.reserve(kept);
  for (size_t i = 0; i < kept; ++i) {
    const double share =
        100.0 * static_cast<double>(entries[i].second) / static_cast<double>(journeys_);
    paths.push_back({*entries[i].first, entries[i].second, share});
  }
  return paths;
}

}  // namespace cxhub
