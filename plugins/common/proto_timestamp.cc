#include "plugins/common/proto_timestamp.h"

#include <cstdint>

namespace cxhub::plugin_common {

void SetTimestamp(absl::Time time, google::protobuf::Timestamp& out) {
  const int64_t seconds = absl::ToUnixSeconds(time);  // rounded towards the past
  out.set_seconds(seconds);
  out.set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

}  // namespace cxhub::plugin_common
