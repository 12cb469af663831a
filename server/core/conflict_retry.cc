#include "server/core/conflict_retry.h"

namespace cxhub {

absl::Status WriteRetryingOnConflict(Store& store,
                                     absl::FunctionRef<absl::Status(StoreWriter&)> fn) {
  absl::Status status = store.Write(fn);
  if (absl::IsAlreadyExists(status)) status = store.Write(fn);
  return status;
}

}  // namespace cxhub
