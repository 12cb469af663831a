// The clock seam: server code asks a Clock for "now", and waits for a time through it, so that
// tests can pin time and move it by hand (manual_clock.h) instead of sleeping.
#ifndef CXHUB_SERVER_CORE_CLOCK_H_
#define CXHUB_SERVER_CORE_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace cxhub {

// Wakes a thread sleeping on a Clock (Clock::SleepUntil) before its deadline. Latching: a
// Notify() that comes while nobody sleeps makes the next sleep return at once. One thread sleeps
// on a Wakeup at a time; any thread may notify it. Thread-safe.
class Wakeup {
 public:
  // Ends the current (or next) sleep on this Wakeup.
  void Notify();

  // For Clock implementations. Waits until Notify() or Nudge() was called, or until the real
  // time `real_deadline`; consumes both. True if it was notified.
  bool Wait(absl::Time real_deadline);
  // Ends the current (or next) Wait() without a notification: the clock moved, the sleeper
  // should look at the time again.
  void Nudge();

 private:
  absl::Mutex mu_;
  bool notified_ ABSL_GUARDED_BY(mu_) = false;
  bool nudged_ ABSL_GUARDED_BY(mu_) = false;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() = 0;
  // Returns once Now() >= deadline, or earlier when `wakeup` (may be null) is notified. The
  // default waits in real time for the duration between Now() and `deadline`.
  virtual void SleepUntil(absl::Time deadline, Wakeup* wakeup);
};

// The wall clock. Thread-safe; lives forever.
Clock& SystemClock();

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CLOCK_H_
