// Connector host state in SQL: each connector instance's cursor, status, counters and lease
// (table connector_states), inside one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_CONNECTOR_STATES_H_
#define CXHUB_SERVER_STORAGE_SQL_CONNECTOR_STATES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/store.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the connector state methods of StoreReader / StoreWriter (see
// server/core/store.h for their contracts).
class SqlConnectorStates {
 public:
  // `db` must outlive this object.
  explicit SqlConnectorStates(TransactionContext& db) : db_(db) {}

  absl::StatusOr<std::optional<ConnectorState>> Get(const std::string& name);
  absl::StatusOr<std::vector<ConnectorState>> List();
  absl::Status Update(const std::string& name, const ConnectorStateUpdate& update);
  absl::StatusOr<LeaseGrant> TakeLease(const std::string& name, const LeaseRequest& request);
  absl::Status ReleaseLease(const std::string& name, const LeaseFence& fence);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_CONNECTOR_STATES_H_
