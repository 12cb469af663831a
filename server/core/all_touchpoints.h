// Every touchpoint, for the readers that need them all (names to check against, a map's
// labels); a store holds tens or hundreds of them, so they are read in a few pages.
#ifndef CXHUB_SERVER_CORE_ALL_TOUCHPOINTS_H_
#define CXHUB_SERVER_CORE_ALL_TOUCHPOINTS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// Every touchpoint in ascending id, in the reader's transaction.
absl::StatusOr<std::vector<Touchpoint>> ListAllTouchpoints(StoreReader& reader);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_ALL_TOUCHPOINTS_H_
