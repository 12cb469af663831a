// The audit log in SQL (table audit_entries, migration 0009): appended inside one
// transaction, listed newest first; the one update is erasure's scrub of a customer's name.
#ifndef CXHUB_SERVER_STORAGE_SQL_AUDIT_ENTRIES_H_
#define CXHUB_SERVER_STORAGE_SQL_AUDIT_ENTRIES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/store.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the audit log methods of StoreReader / StoreWriter (see server/core/store.h for
// their contracts).
class SqlAuditEntries {
 public:
  // `db` must outlive this object.
  explicit SqlAuditEntries(TransactionContext& db) : db_(db) {}

  absl::StatusOr<std::vector<AuditEntry>> List(AuditEntryId before_id, int limit);
  absl::StatusOr<AuditEntryId> Insert(const AuditEntry& entry);
  absl::StatusOr<int64_t> ScrubResource(const std::string& resource);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_AUDIT_ENTRIES_H_
