#include "server/core/clock.h"

namespace cxhub {
namespace {

class WallClock final : public Clock {
 public:
  absl::Time Now() override { return absl::Now(); }
};

}  // namespace

void Wakeup::Notify() {
  absl::MutexLock lock(&mu_);
  notified_ = true;
}

void Wakeup::Nudge() {
  absl::MutexLock lock(&mu_);
  nudged_ = true;
}

bool Wakeup::Wait(absl::Time real_deadline) {
  absl::MutexLock lock(&mu_);
  auto woken = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return notified_ || nudged_; };
  mu_.AwaitWithDeadline(absl::Condition(&woken), real_deadline);
  const bool notified = notified_;
  notified_ = false;
  nudged_ = false;
  return notified;
}

void Clock::SleepUntil(absl::Time deadline, Wakeup* wakeup) {
  // This is where a clock's time turns into real time.
  const absl::Time real_deadline = absl::Now() + (deadline - Now());
  if (wakeup != nullptr) {
    wakeup->Wait(real_deadline);
  } else {
    absl::SleepFor(real_deadline - absl::Now());
  }
}

Clock& SystemClock() {
  static WallClock* const clock = new WallClock();
  return *clock;
}

}  // namespace cxhub
