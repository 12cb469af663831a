// A journey map: how the customers active in a range moved between touchpoints. Definitions
// (also in the GetJourneyMap proto comments):
//   - A customer's journey is the touchpoints of their interactions in the range, in time
//     order, consecutive repeats collapsed; interactions with no touchpoint are no step of it.
//   - A transition is a move from one step to the next; a path is a whole journey.
//   - The time to the next touchpoint runs from the last interaction at a step to the first at
//     the next one.
#ifndef CXHUB_SERVER_CORE_JOURNEY_MAP_H_
#define CXHUB_SERVER_CORE_JOURNEY_MAP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/core/figures/score_figures.h"
#include "server/core/model.h"

namespace cxhub {

// One touchpoint on the map, or (touchpoint_id 0) the interactions that have none.
struct JourneyMapStage {
  TouchpointId touchpoint_id = 0;
  std::string display_name;           // Empty for none.
  std::optional<JourneyStage> stage;  // nullopt for none.
  int64_t interactions = 0;
  int64_t customers = 0;  // Distinct customers with at least one interaction here.
  // From the survey answers given here; nullopt when there is none.
  std::optional<NpsFigure> nps;
  std::optional<CsatFigure> csat;
  std::optional<CesFigure> ces;
  // Over every move from here to a different next touchpoint; nullopt when none moves on.
  std::optional<absl::Duration> median_time_to_next;
  int64_t journeys_starting = 0;
  int64_t journeys_ending = 0;
};

struct JourneyTransition {
  TouchpointId from_touchpoint_id = 0;
  TouchpointId to_touchpoint_id = 0;
  int64_t moves = 0;      // A customer may make the same move more than once.
  int64_t customers = 0;  // Distinct customers who made it.
};

struct JourneyPath {
  std::vector<TouchpointId> touchpoint_ids;  // Consecutive repeats collapsed.
  int64_t customers = 0;                     // Journeys that are exactly this path.
  double share_percent = 0;                  // Of the journeys with touchpoints, 0 to 100.
};

struct JourneyMap {
  absl::Time start_time;
  absl::Time end_time;
  int64_t customers = 0;                  // With at least one interaction in the range.
  int64_t journeys_with_touchpoints = 0;  // Of those, with at least one at a touchpoint.
  int64_t interactions_without_touchpoint = 0;
  int64_t customers_without_touchpoint = 0;  // Customers who had only those.
  // Most interactions first, then by touchpoint id (the no-touchpoint stage is id 0).
  std::vector<JourneyMapStage> stages;
  // Most moves first, then by (from, to).
  std::vector<JourneyTransition> transitions;
  // Most customers first, then by the touchpoint ids in order; at most the query's max_paths.
  std::vector<JourneyPath> paths;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_JOURNEY_MAP_H_
