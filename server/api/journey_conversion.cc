#include "server/api/journey_conversion.h"

#include "cxhub/v1/journey.pb.h"
#include "server/api/figure_filters.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"
#include "server/api/score_figure_conversion.h"
#include "server/api/touchpoint_conversion.h"
#include "server/core/journey_map.h"
#include "server/core/journey_maps.h"
#include "server/core/model.h"

namespace cxhub {
namespace {

void StageToProto(const JourneyMapStage& stage, v1::JourneyMapStage* out) {
  if (stage.touchpoint_id != 0) out->set_touchpoint(TouchpointName(stage.touchpoint_id));
  out->set_display_name(stage.display_name);
  if (stage.stage.has_value()) out->set_stage(JourneyStageToProto(*stage.stage));
  out->set_interactions(stage.interactions);
  out->set_customers(stage.customers);
  if (stage.nps.has_value()) ScoreFigureToProto(*stage.nps, out->mutable_nps());
  if (stage.csat.has_value()) ScoreFigureToProto(*stage.csat, out->mutable_csat());
  if (stage.ces.has_value()) ScoreFigureToProto(*stage.ces, out->mutable_ces());
  if (stage.median_time_to_next.has_value()) {
    DurationToProto(*stage.median_time_to_next, out->mutable_median_time_to_next());
  }
  out->set_journeys_starting(stage.journeys_starting);
  out->set_journeys_ending(stage.journeys_ending);
}

}  // namespace

JourneyMapQuery JourneyMapQueryFromProto(const v1::GetJourneyMapRequest& request) {
  JourneyMapQuery query;
  query.start_time = TimeFromProto(request.start_time());
  query.end_time = TimeFromProto(request.end_time());
  query.channel = request.channel();
  query.segment = SegmentFilterFromProto(request);
  query.max_paths = request.max_paths() == 0 ? kDefaultJourneyPaths : request.max_paths();
  return query;
}

void JourneyMapToProto(const JourneyMap& map, v1::JourneyMap* out) {
  TimeToProto(map.start_time, out->mutable_start_time());
  TimeToProto(map.end_time, out->mutable_end_time());
  out->set_customers(map.customers);
  out->set_journeys_with_touchpoints(map.journeys_with_touchpoints);
  out->set_interactions_without_touchpoint(map.interactions_without_touchpoint);
  out->set_customers_without_touchpoint(map.customers_without_touchpoint);
  for (const JourneyMapStage& stage : map.stages) StageToProto(stage, out->add_stages());
  for (const JourneyTransition& transition : map.transitions) {
    v1::JourneyTransition* move = out->add_transitions();
    move->set_from_touchpoint(TouchpointName(transition.from_touchpoint_id));
    move->set_to_touchpoint(TouchpointName(transition.to_touchpoint_id));
    move->set_moves(transition.moves);
    move->set_customers(transition.customers);
  }
  for (const JourneyPath& path : map.paths) {
    v1::JourneyPath* walked = out->add_paths();
    for (TouchpointId touchpoint : path.touchpoint_ids) {
      walked->add_touchpoints(TouchpointName(touchpoint));
    }
    walked->set_customers(path.customers);
    walked->set_share_percent(path.share_percent);
  }
}

}  // namespace cxhub
