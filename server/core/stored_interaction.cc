#include "server/core/stored_interaction.h"

#include <utility>

#include "absl/time/time.h"

namespace cxhub {

Interaction AsStored(Interaction inserted) {
  // What the stores' columns keep: microseconds since the epoch (floored), durations cut to
  // whole microseconds (toward zero).
  inserted.occur_time = absl::FromUnixMicros(absl::ToUnixMicros(inserted.occur_time));
  inserted.create_time = absl::FromUnixMicros(absl::ToUnixMicros(inserted.create_time));
  inserted.duration = absl::Trunc(inserted.duration, absl::Microseconds(1));
  inserted.global_key.clear();
  inserted.recorded_identities.clear();
  return inserted;
}

}  // namespace cxhub
