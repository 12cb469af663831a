#include "server/core/audit_log.h"

#include <utility>

#include "server/core/status_macros.h"

namespace cxhub {

absl::Status AuditLog::Record(AuditEntry entry) {
  entry.id = 0;
  entry.time = clock_.Now();
  return store_.Write([&](StoreWriter& writer) { return writer.InsertAuditEntry(entry).status(); });
}

absl::StatusOr<AuditPage> AuditLog::List(AuditEntryId before_id, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  AuditPage page;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(page.entries, reader.ListAuditEntries(before_id, limit + 1));
    page.has_more = static_cast<int>(page.entries.size()) > limit;
    if (page.has_more) page.entries.resize(limit);
    return absl::OkStatus();
  }));
  return page;
}

}  // namespace cxhub
