// An absl::Time as the google.protobuf.Timestamp of a record's occur_time, the one conversion
// every connector's mapper needs.
#ifndef CXHUB_PLUGINS_COMMON_PROTO_TIMESTAMP_H_
#define CXHUB_PLUGINS_COMMON_PROTO_TIMESTAMP_H_

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace cxhub::plugin_common {

// Sets `out` to the finite `time`: seconds rounded down, so that nanos stay in [0, 1e9) as the
// Timestamp's contract asks, also before the epoch.
void SetTimestamp(absl::Time time, google::protobuf::Timestamp& out);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_PROTO_TIMESTAMP_H_
