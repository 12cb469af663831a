#include "server/core/figure_touchpoint.h"

#include <optional>

#include "absl/status/status.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

absl::Status CheckFigureTouchpoint(StoreReader& reader,
                                   const std::optional<TouchpointId>& touchpoint_id) {
  if (!touchpoint_id.has_value() || *touchpoint_id == 0) return absl::OkStatus();
  return reader.GetTouchpoint(*touchpoint_id).status();
}

}  // namespace cxhub
