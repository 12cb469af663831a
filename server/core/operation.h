// Long-running operations (AIP-151) as the store keeps them: one row per piece of long work
// (a touchpoint reassignment), with where it has got to, so that it resumes after a restart,
// and how it ended.
#ifndef CXHUB_SERVER_CORE_OPERATION_H_
#define CXHUB_SERVER_CORE_OPERATION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace cxhub {

using OperationId = int64_t;

// Operation::kind of each kind of long work.
inline constexpr char kReassignTouchpointsKind[] = "reassign_touchpoints";

// Values are stored: never renumber.
enum class OperationState {
  kRunning = 1,    // Not done: a worker runs it, or will once the server (re)starts.
  kSucceeded = 2,  // Done, every item processed.
  kFailed = 3,     // Done, stopped by `error`.
  kCancelled = 4,  // Done, stopped between two batches on request (error CANCELLED).
};

inline bool IsDone(OperationState state) { return state != OperationState::kRunning; }

struct Operation {
  OperationId id = 0;
  // What work it is ("reassign_touchpoints"); chooses the worker that resumes it.
  std::string kind;
  OperationState state = OperationState::kRunning;
  // Opaque bytes owned by the work: where the next batch starts. Empty: from the beginning.
  std::string cursor;
  int64_t processed = 0;  // Items examined so far.
  int64_t total = 0;      // Items to examine, fixed when the operation starts.
  int64_t changed = 0;    // Items the work changed so far.
  absl::Status error;     // OK unless state is kFailed or kCancelled.
  // Set by a cancel request; the worker stops before its next batch.
  bool cancel_requested = false;
  absl::Time create_time;
  absl::Time update_time;

  bool done() const { return IsDone(state); }
};

// A change to an operation's row: set fields replace the stored ones, unset ones stay. Keeping
// the fields apart lets a cancel request and the worker's progress write the same row without
// one undoing the other.
struct OperationUpdate {
  std::optional<OperationState> state;
  std::optional<std::string> cursor;
  std::optional<int64_t> processed;
  std::optional<int64_t> changed;
  std::optional<absl::Status> error;
  std::optional<bool> cancel_requested;
  absl::Time update_time;  // Required: now.
};

// Narrows ListOperations. Empty / nullopt fields do not filter.
struct OperationFilter {
  std::string kind;
  std::optional<bool> done;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_OPERATION_H_
