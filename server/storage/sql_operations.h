// Long-running operations in SQL (table operations), inside one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_OPERATIONS_H_
#define CXHUB_SERVER_STORAGE_SQL_OPERATIONS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/operation.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the operation methods of StoreReader / StoreWriter (see server/core/store.h for
// their contracts).
class SqlOperations {
 public:
  // `db` must outlive this object.
  explicit SqlOperations(TransactionContext& db) : db_(db) {}

  absl::StatusOr<Operation> Get(OperationId id);
  absl::StatusOr<std::vector<Operation>> List(const OperationFilter& filter, OperationId after_id,
                                              int limit);
  absl::StatusOr<OperationId> Insert(const Operation& operation);
  absl::Status Update(OperationId id, const OperationUpdate& update);
  absl::Status Delete(OperationId id);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_OPERATIONS_H_
