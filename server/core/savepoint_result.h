// One item of a batch run in a savepoint of its own, its result kept: what every batch path that
// makes items all-or-nothing one by one needs (RecordAll's savepoint path, a connector's
// identity links).
#ifndef CXHUB_SERVER_CORE_SAVEPOINT_RESULT_H_
#define CXHUB_SERVER_CORE_SAVEPOINT_RESULT_H_

#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/store.h"

namespace cxhub {

// `fn` in a savepoint of `writer`, rolled back when it fails: its result, or the savepoint's own
// error when `fn` succeeded but the savepoint could not be released.
template <typename T>
absl::StatusOr<T> InSavepoint(StoreWriter& writer,
                              absl::FunctionRef<absl::StatusOr<T>(StoreWriter&)> fn) {
  absl::StatusOr<T> result = absl::UnknownError("not run");
  const absl::Status saved = writer.Savepoint([&](StoreWriter& nested) -> absl::Status {
    result = fn(nested);
    return result.status();
  });
  if (!saved.ok() && result.ok()) result = saved;
  return result;
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SAVEPOINT_RESULT_H_
