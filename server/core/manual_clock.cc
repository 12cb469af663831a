#include "server/core/manual_clock.h"

namespace cxhub {

absl::Time ManualClock::Now() {
  absl::MutexLock lock(&mu_);
  return now_;
}

void ManualClock::SleepUntil(absl::Time deadline, Wakeup* wakeup) {
  Wakeup own;  // For a sleep that only time ends.
  Wakeup* const waker = wakeup != nullptr ? wakeup : &own;
  {
    absl::MutexLock lock(&mu_);
    if (now_ >= deadline) return;
    sleepers_.insert(waker);
  }
  while (true) {
    const bool notified = waker->Wait(absl::InfiniteFuture());
    absl::MutexLock lock(&mu_);
    if (notified || now_ >= deadline) {
      sleepers_.erase(waker);  // From here on Advance() no longer touches it.
      return;
    }
  }
}

void ManualClock::Advance(absl::Duration duration) {
  absl::MutexLock lock(&mu_);
  now_ += duration;
  for (Wakeup* sleeper : sleepers_) sleeper->Nudge();
}

int ManualClock::sleepers() {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(sleepers_.size());
}

}  // namespace cxhub
