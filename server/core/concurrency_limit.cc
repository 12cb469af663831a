#include "server/core/concurrency_limit.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cxhub {

absl::StatusOr<ConcurrencyLimit::Slot> ConcurrencyLimit::Acquire() {
  int in_use = in_use_.load(std::memory_order_relaxed);
  do {
    if (in_use >= max_in_use_) {
      return absl::ResourceExhaustedError(absl::StrCat("too many ", what_, ": ", max_in_use_,
                                                       " are open, the limit; try again later"));
    }
  } while (!in_use_.compare_exchange_weak(in_use, in_use + 1, std::memory_order_relaxed));
  return Slot(this);
}

}  // namespace cxhub
