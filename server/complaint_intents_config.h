// The complaint intents of the server config (analytics.complaint_intents): their validation
// where the config is loaded, and the intents core counts (server/core/complaint_themes.h).
#ifndef CXHUB_SERVER_COMPLAINT_INTENTS_CONFIG_H_
#define CXHUB_SERVER_COMPLAINT_INTENTS_CONFIG_H_

#include <vector>

#include "absl/status/status.h"
#include "cxhub/config/v1/config.pb.h"
#include "server/core/complaint_themes.h"

namespace cxhub {

// OK, or INVALID_ARGUMENT "config: analytics.complaint_intents[i].<field>: <problem>" for a name
// that is empty, not lowercase letters, digits and hyphens, or used twice; no phrases; or a
// phrase without a word.
absl::Status ValidateComplaintIntents(const config::v1::AnalyticsConfig& analytics);

std::vector<ComplaintIntent> ComplaintIntentsFromConfig(
    const config::v1::AnalyticsConfig& analytics);

}  // namespace cxhub

#endif  // CXHUB_SERVER_COMPLAINT_INTENTS_CONFIG_H_
