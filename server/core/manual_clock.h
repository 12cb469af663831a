// A Clock that moves only when told to: tests of schedules, backoff and stalls advance it
// instead of sleeping. A sleep on it lasts until Advance() moves it past the sleep's deadline
// (or its Wakeup is notified), however much real time goes by.
#ifndef CXHUB_SERVER_CORE_MANUAL_CLOCK_H_
#define CXHUB_SERVER_CORE_MANUAL_CLOCK_H_

#include <set>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/core/clock.h"

namespace cxhub {

// Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(absl::Time start) : now_(start) {}

  absl::Time Now() override;
  void SleepUntil(absl::Time deadline, Wakeup* wakeup) override;

  // Moves the time forward by `duration` and wakes the sleepers, which look at it again.
  void Advance(absl::Duration duration);
  // How many threads sleep on this clock right now.
  int sleepers();

 private:
  absl::Mutex mu_;  // Taken before a sleeper's Wakeup, never after.
  absl::Time now_ ABSL_GUARDED_BY(mu_);
  std::set<Wakeup*> sleepers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MANUAL_CLOCK_H_
