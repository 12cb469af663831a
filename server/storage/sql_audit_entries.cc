#include "server/storage/sql_audit_entries.h"

#include <cstdint>
#include <limits>

#include "server/core/status_macros.h"
#include "server/storage/id_pages.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"

namespace cxhub {
namespace {

AuditEntry AuditEntryFromRow(const Statement& row) {
  AuditEntry entry;
  entry.id = row.ColumnInt64(0);
  entry.token_name = row.ColumnText(1);
  entry.method = row.ColumnText(2);
  entry.resource = row.ColumnText(3);
  entry.time = FromMicros(row.ColumnInt64(4));
  entry.status_code = static_cast<int32_t>(row.ColumnInt64(5));
  return entry;
}

}  // namespace

absl::StatusOr<std::vector<AuditEntry>> SqlAuditEntries::List(AuditEntryId before_id, int limit) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  const int64_t before = before_id > 0 ? before_id : std::numeric_limits<int64_t>::max();
  return db_.Query<AuditEntry>(
      "SELECT id, token_name, method, resource, call_time, status_code FROM audit_entries "
      "WHERE id < ? ORDER BY id DESC LIMIT ?",
      {before, int64_t{limit}}, AuditEntryFromRow);
}

absl::StatusOr<AuditEntryId> SqlAuditEntries::Insert(const AuditEntry& entry) {
  CXHUB_RETURN_IF_ERROR(db_.Execute("INSERT INTO audit_entries (token_name, method, resource, "
                                    "call_time, status_code) VALUES (?, ?, ?, ?, ?)",
                                    {entry.token_name, entry.method, entry.resource,
                                     Micros(entry.time), int64_t{entry.status_code}})
                            .status());
  return db_.LastInsertId();
}

}  // namespace cxhub
