// Reassigning touchpoints (TouchpointService.ReassignTouchpoints, operation kind
// kReassignTouchpointsKind) as resumable work for the OperationRunner: re-evaluates the current
// touchpoint rules for every interaction recorded when the operation started whose touchpoint
// was not given by its caller, in id order, and moves those whose result differs.
//
// Progress counts ids of the range (0, latest interaction id at start]: the cursor is the last
// id examined, `processed` that id and `total` the range's end. Ids are dense but for rolled-back
// inserts and deleted customers, so these are the interactions examined and to examine.
// Interactions recorded after the start are assigned by the recorder with the rules of their
// time and are left alone.
#ifndef CXHUB_SERVER_CORE_TOUCHPOINT_REASSIGNMENT_H_
#define CXHUB_SERVER_CORE_TOUCHPOINT_REASSIGNMENT_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "server/core/operation.h"
#include "server/core/operation_runner.h"
#include "server/core/store.h"
#include "server/core/touchpoint_assigner.h"

namespace cxhub {

// Thread-safe. Borrows the assigner, which must outlive it.
class TouchpointReassignment final : public ResumableWork {
 public:
  // Interactions per batch (one write transaction): small enough that other writers wait at
  // most a few milliseconds between two batches.
  static constexpr int kDefaultBatchSize = 500;

  explicit TouchpointReassignment(const TouchpointAssigner& assigner,
                                  int batch_size = kDefaultBatchSize)
      : assigner_(assigner), batch_size_(batch_size) {}

  absl::StatusOr<int64_t> Total(StoreReader& reader) override;
  absl::StatusOr<bool> RunBatch(StoreWriter& writer, OperationProgress& progress) override;

 private:
  const TouchpointAssigner& assigner_;
  const int batch_size_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_TOUCHPOINT_REASSIGNMENT_H_
