#include "server/connectors/backoff.h"

#include <algorithm>

namespace cxhub {

Backoff::Backoff(absl::Duration initial, absl::Duration max)
    : initial_(std::max(initial, absl::Milliseconds(1))), max_(std::max(max, initial_)) {}

absl::Duration Backoff::Next() {
  absl::Duration delay = initial_;
  for (int i = 0; i < failures_ && delay < max_; ++i) delay *= 2;
  if (failures_ < 1000000) ++failures_;
  return std::min(delay, max_);
}

}  // namespace cxhub
