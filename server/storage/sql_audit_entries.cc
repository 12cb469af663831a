#include "server/storage/sql_audit_entries.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
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

struct NamedResource {
  AuditEntryId id = 0;
  std::string resource;
};

// `resource` with the space-separated name `name` replaced by kErasedResource wherever it is
// whole ("customers/42" is not a part of "customers/420").
std::string WithoutName(absl::string_view resource, absl::string_view name) {
  std::vector<std::string> names = absl::StrSplit(resource, ' ');
  for (std::string& each : names) {
    if (each == name) each = kErasedResource;
  }
  return absl::StrJoin(names, " ");
}

}  // namespace

absl::StatusOr<int64_t> SqlAuditEntries::ScrubResource(const std::string& resource) {
  // LIKE narrows by the text (an erasure is rare; the scan is the price of having no index on
  // resource); the exact match on whole names is made here.
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<NamedResource> entries,
      db_.Query<NamedResource>("SELECT id, resource FROM audit_entries WHERE resource LIKE ?",
                               {absl::StrCat("%", resource, "%")}, [](const Statement& row) {
                                 return NamedResource{row.ColumnInt64(0), row.ColumnText(1)};
                               }));
  int64_t scrubbed = 0;
  for (const NamedResource& entry : entries) {
    const std::string scrubbed_resource = WithoutName(entry.resource, resource);
    if (scrubbed_resource == entry.resource) continue;
    CXHUB_RETURN_IF_ERROR(db_.Execute("UPDATE audit_entries SET resource = ? WHERE id = ?",
                                      {scrubbed_resource, entry.id})
                              .status());
    ++scrubbed;
  }
  return scrubbed;
}

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
