// The role table: which role each served RPC requires and whether its calls are audited, read
// once from the protos (the cxhub.v1.required_role and cxhub.v1.audited method options of
// access.proto) so that the roles are declared in one place. google.longrunning.Operations,
// whose proto is not ours to annotate, is mapped here in code.
#ifndef CXHUB_SERVER_AUTH_METHOD_ACCESS_H_
#define CXHUB_SERVER_AUTH_METHOD_ACCESS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/auth/role.h"

namespace cxhub {

struct MethodAccess {
  // As gRPC names it: "/cxhub.v1.CustomerService/GetCustomer".
  std::string full_method;
  Role required_role = Role::kAdmin;
  // Admin methods and those marked (cxhub.v1.audited) are written to the audit log.
  bool audited = false;
};

// The services cxhubd serves behind the token check (full names): every cxhub.v1 service and
// google.longrunning.Operations. gRPC health is not among them: it stays open.
const std::vector<std::string>& ProtectedServiceNames();

// Immutable after construction; thread-safe.
class MethodAccessTable {
 public:
  // Reads every method of `service_names` from the generated descriptor pool. FAILED_PRECONDITION
  // naming the method when one has no required_role (or an Operations method has no entry in the
  // code table), NOT_FOUND for an unknown service.
  static absl::StatusOr<MethodAccessTable> FromDescriptors(
      const std::vector<std::string>& service_names);

  // Null for a method not in the table.
  const MethodAccess* Find(absl::string_view full_method) const;
  // Every method, in service then declaration order.
  const std::vector<MethodAccess>& methods() const { return methods_; }

 private:
  std::vector<MethodAccess> methods_;
  absl::flat_hash_map<std::string, size_t> index_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_AUTH_METHOD_ACCESS_H_
