// The audit log over the Store: who did what to which resource, when, and how it ended. The
// server appends an entry when an audited call finishes; admins list them. Nothing else writes
// or changes entries.
#ifndef CXHUB_SERVER_CORE_AUDIT_LOG_H_
#define CXHUB_SERVER_CORE_AUDIT_LOG_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/store.h"

namespace cxhub {

struct AuditPage {
  std::vector<AuditEntry> entries;  // Newest first.
  bool has_more = false;
};

// Thread-safe. Borrows the store and the clock, which must outlive it.
class AuditLog {
 public:
  AuditLog(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // Appends `entry` (id and time ignored), stamped with the clock's time.
  absl::Status Record(AuditEntry entry);

  // Up to `limit` entries older than before_id (0: the newest), newest first.
  absl::StatusOr<AuditPage> List(AuditEntryId before_id, int limit);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_AUDIT_LOG_H_
