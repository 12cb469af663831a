// Interactions inserted all or none, for tests and benchmarks that fill a store through
// StoreWriter::InsertInteractions (which answers each item on its own). Header-only.
#ifndef CXHUB_TESTS_STORAGE_INSERT_INTERACTIONS_H_
#define CXHUB_TESTS_STORAGE_INSERT_INTERACTIONS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// Every one of `interactions` by one InsertInteractions in one transaction of `store`; the first
// item's error, and nothing stored, when any fails.
inline absl::Status InsertEveryInteraction(Store& store,
                                           const std::vector<Interaction>& interactions) {
  return store.Write([&](StoreWriter& writer) -> absl::Status {
    absl::StatusOr<std::vector<absl::StatusOr<InteractionId>>> inserted =
        writer.InsertInteractions(interactions);
    if (!inserted.ok()) return inserted.status();
    for (const absl::StatusOr<InteractionId>& id : *inserted) {
      if (!id.ok()) return id.status();
    }
    return absl::OkStatus();
  });
}

}  // namespace cxhub

#endif  // CXHUB_TESTS_STORAGE_INSERT_INTERACTIONS_H_
