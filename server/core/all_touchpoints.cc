#include "server/core/all_touchpoints.h"

#include <vector>

#include "absl/status/statusor.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

constexpr int kTouchpointsPerRead = 500;

}  // namespace

absl::StatusOr<std::vector<Touchpoint>> ListAllTouchpoints(StoreReader& reader) {
  std::vector<Touchpoint> touchpoints;
  TouchpointId after = 0;
  for (;;) {
    CXHUB_ASSIGN_OR_RETURN(std::vector<Touchpoint> page,
                           reader.ListTouchpoints(after, kTouchpointsPerRead));
    touchpoints.insert(touchpoints.end(), page.begin(), page.end());
    if (static_cast<int>(page.size()) < kTouchpointsPerRead) return touchpoints;
    after = page.back().id;
  }
}

}  // namespace cxhub
