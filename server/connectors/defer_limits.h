// How far a connector read's batch may grow past a checkpoint deferred while the commit before
// it runs (read_batches.h says why checkpoints are deferred).
#ifndef CXHUB_SERVER_CONNECTORS_DEFER_LIMITS_H_
#define CXHUB_SERVER_CONNECTORS_DEFER_LIMITS_H_

#include <cstddef>

#include "absl/time/time.h"

namespace cxhub {

// Beyond either bound a checkpoint waits for the commit under way instead (ReadBatches::Defer).
struct DeferLimits {
  // What the batch holds. The 1 GB mbox read at 8 MiB was no faster than at 4 MiB, and its
  // cxhubd took 254-264 MiB against 185-190 MiB (larger transactions, larger IN lists).
  size_t max_bytes = size_t{4} << 20;
  // How long the batch would take to commit, at the pace of the last commit: a stop waits for
  // the commit under way, and on MySQL 4 MiB of short lines took 4-7 s.
  absl::Duration max_commit = absl::Milliseconds(500);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_DEFER_LIMITS_H_
