// The one place that retries a write whose unique key another writer took first.
#ifndef CXHUB_SERVER_CORE_CONFLICT_RETRY_H_
#define CXHUB_SERVER_CORE_CONFLICT_RETRY_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "server/core/store.h"

namespace cxhub {

// Runs `fn` in one write transaction of `store`. When it fails with ALREADY_EXISTS (a
// concurrent transaction took the same identity or (source, external_id) between fn's reads
// and its writes), runs it once more: it then sees the other transaction's rows and resolves
// against them. `fn` must start from scratch each time it runs.
absl::Status WriteRetryingOnConflict(Store& store,
                                     absl::FunctionRef<absl::Status(StoreWriter&)> fn);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CONFLICT_RETRY_H_
