#include "server/api/audit_service.h"

#include "absl/strings/str_cat.h"
#include "server/api/list_page_bytes.h"
#include "server/api/page_token.h"
#include "server/api/proto_conversion.h"
#include "server/api/request_validation.h"
#include "server/api/status_mapping.h"

namespace cxhub {
namespace {

void AuditEntryToProto(const AuditEntry& entry, v1::AuditEntry* out) {
  out->set_name(absl::StrCat("auditEntries/", entry.id));
  out->set_token_name(entry.token_name);
  out->set_method(entry.method);
  out->set_resource(entry.resource);
  TimeToProto(entry.time, out->mutable_time());
  out->set_status_code(entry.status_code);
}

}  // namespace

grpc::Status AuditServiceImpl::ListAuditEntries(grpc::ServerContext* context,
                                                const v1::ListAuditEntriesRequest* request,
                                                v1::ListAuditEntriesResponse* response) {
  if (absl::Status status = ValidatePageSize(request->page_size(), limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<AuditEntryId> before = DecodeAuditPageToken(request->page_token());
  if (!before.ok()) return ToGrpcStatus(before.status());
  absl::StatusOr<AuditPage> page =
      audit_log_.List(*before, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->entries, page->has_more, limits_.max_list_page_bytes, response->mutable_audit_entries(),
      AuditEntryToProto, [](const AuditEntry& last) { return EncodeAuditPageToken(last.id); }));
  return grpc::Status::OK;
}

}  // namespace cxhub
