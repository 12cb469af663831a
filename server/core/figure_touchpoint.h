// The touchpoint a figure is filtered by, checked in the figure's read transaction so that a
// report for a deleted or unknown touchpoint is NOT_FOUND rather than an empty figure.
#ifndef CXHUB_SERVER_CORE_FIGURE_TOUCHPOINT_H_
#define CXHUB_SERVER_CORE_FIGURE_TOUCHPOINT_H_

#include <optional>

#include "absl/status/status.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// OK without a filter (nullopt) or for 0 (interactions at no touchpoint); otherwise the store's
// NOT_FOUND when the touchpoint does not exist.
absl::Status CheckFigureTouchpoint(StoreReader& reader,
                                   const std::optional<TouchpointId>& touchpoint_id);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FIGURE_TOUCHPOINT_H_
