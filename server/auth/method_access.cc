#include "server/auth/method_access.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "cxhub/v1/access.pb.h"
#include "google/protobuf/descriptor.h"

namespace cxhub {
namespace {

constexpr absl::string_view kOperationsService = "google.longrunning.Operations";

// google.longrunning.Operations, which cannot carry our option: reading operations follows the
// reader role, cancelling one stops a writer's work, deleting one erases its record.
absl::StatusOr<Role> OperationsRole(absl::string_view method) {
  if (method == "ListOperations" || method == "GetOperation" || method == "WaitOperation") {
    return Role::kReader;
  }
  if (method == "CancelOperation") return Role::kWriter;
  if (method == "DeleteOperation") return Role::kAdmin;
  return absl::FailedPreconditionError(
      absl::StrCat(kOperationsService, ".", method, " has no role in method_access.cc"));
}

absl::StatusOr<MethodAccess> AccessOf(const google::protobuf::MethodDescriptor& method) {
  MethodAccess access;
  access.full_method = absl::StrCat("/", method.service()->full_name(), "/", method.name());
  if (method.service()->full_name() == kOperationsService) {
    absl::StatusOr<Role> role = OperationsRole(method.name());
    if (!role.ok()) return role.status();
    access.required_role = *role;
  } else {
    const v1::Role role = method.options().GetExtension(v1::required_role);
    if (role == v1::ROLE_UNSPECIFIED) {
      return absl::FailedPreconditionError(absl::StrCat(
          method.full_name(), " has no (cxhub.v1.required_role) option: every rpc needs one"));
    }
    access.required_role = static_cast<Role>(role);
    access.audited = method.options().GetExtension(v1::audited);
  }
  access.audited = access.audited || access.required_role == Role::kAdmin;
  return access;
}

}  // namespace

const std::vector<std::string>& ProtectedServiceNames() {
  static const auto* const kNames = new std::vector<std::string>{
      "cxhub.v1.CustomerService",  "cxhub.v1.TouchpointService",      "cxhub.v1.InteractionService",
      "cxhub.v1.ConnectorService", "cxhub.v1.AnalyticsService",       "cxhub.v1.AuditService",
      "cxhub.v1.SegmentService",   "cxhub.v1.MergeSuggestionService", "cxhub.v1.MergeLedgerService",
      "cxhub.v1.PrivacyService",   std::string(kOperationsService)};
  return *kNames;
}

absl::StatusOr<MethodAccessTable> MethodAccessTable::FromDescriptors(
    const std::vector<std::string>& service_names) {
  // Linking the option's generated code registers the extension before it is read.
  (void)v1::Role_descriptor();
  MethodAccessTable table;
  for (const std::string& name : service_names) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) return absl::NotFoundError(absl::StrCat("no service ", name));
    for (int i = 0; i < service->method_count(); ++i) {
      absl::StatusOr<MethodAccess> access = AccessOf(*service->method(i));
      if (!access.ok()) return access.status();
      table.index_[access->full_method] = table.methods_.size();
      table.methods_.push_back(*std::move(access));
    }
  }
  return table;
}

const MethodAccess* MethodAccessTable::Find(absl::string_view full_method) const {
  auto it = index_.find(full_method);
  return it == index_.end() ? nullptr : &methods_[it->second];
}

}  // namespace cxhub
