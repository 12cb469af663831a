#include "server/core/clock.h"

namespace cxhub {
namespace {

class WallClock final : public Clock {
 public:
  absl::Time Now() override { return absl::Now(); }
};

}  // namespace

Clock& SystemClock() {
  static WallClock* const clock = new WallClock();
  return *clock;
}

}  // namespace cxhub
