// The clock seam: core code asks a Clock for "now" so tests can pin time.
#ifndef CXHUB_SERVER_CORE_CLOCK_H_
#define CXHUB_SERVER_CORE_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace cxhub {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() = 0;
};

// The wall clock. Thread-safe; lives forever.
Clock& SystemClock();

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CLOCK_H_
