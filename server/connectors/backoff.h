// Exponential backoff for a connector instance that keeps failing: the delay doubles with
// every consecutive failure, from `initial` up to `max`, and starts over after a success.
#ifndef CXHUB_SERVER_CONNECTORS_BACKOFF_H_
#define CXHUB_SERVER_CONNECTORS_BACKOFF_H_

#include "absl/time/time.h"

namespace cxhub {

// Not thread-safe: owned by one connector runner.
class Backoff {
 public:
  // `initial` > 0 and `max` >= `initial` (otherwise they are clamped so).
  Backoff(absl::Duration initial, absl::Duration max);

  // The delay before the next attempt after one more failure: initial, 2*initial, 4*initial, ...
  // capped at max.
  absl::Duration Next();
  // After a success: the next failure waits `initial` again.
  void Reset() { failures_ = 0; }
  // Consecutive failures counted by Next() since the last Reset().
  int failures() const { return failures_; }

 private:
  absl::Duration initial_;
  absl::Duration max_;
  int failures_ = 0;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_BACKOFF_H_
