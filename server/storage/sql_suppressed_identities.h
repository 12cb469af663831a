// The suppression list in SQL (table suppressed_identities, migration 0019): keyed hashes of
// erased identities, looked up by primary key on every ingestion that names an identity.
#ifndef CXHUB_SERVER_STORAGE_SQL_SUPPRESSED_IDENTITIES_H_
#define CXHUB_SERVER_STORAGE_SQL_SUPPRESSED_IDENTITIES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the suppression list methods of StoreReader / StoreWriter (see
// server/core/store.h for their contracts).
class SqlSuppressedIdentities {
 public:
  // `db` must outlive this object.
  explicit SqlSuppressedIdentities(TransactionContext& db) : db_(db) {}

  absl::StatusOr<bool> Contains(const std::string& fingerprint);
  absl::Status Add(const std::string& fingerprint, absl::Time time);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_SUPPRESSED_IDENTITIES_H_
