// How a report names a journey stage (cxhub.v1.JourneyStage) and orders the stages.
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_JOURNEY_STAGE_NAME_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_JOURNEY_STAGE_NAME_H_

#include <string>

#include "cxhub/v1/touchpoint.pb.h"

namespace cxhub::cxctl {

// "Awareness", "Consideration", ...; "No stage" for unspecified, the enum name for a value this
// build does not know.
std::string JourneyStageName(v1::JourneyStage stage);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_JOURNEY_STAGE_NAME_H_
