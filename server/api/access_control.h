// Who is calling and whether they may: the bearer token of a call ("authorization: Bearer
// <token>" metadata) looked up in the tokens file, and the role it holds checked against the
// role the method requires (the role table read from the protos). Used by the access check
// that wraps every protected method and by the audit interceptor.
#ifndef CXHUB_SERVER_API_ACCESS_CONTROL_H_
#define CXHUB_SERVER_API_ACCESS_CONTROL_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"
#include "server/auth/method_access.h"
#include "server/auth/token_registry.h"

namespace cxhub {

// Thread-safe. Borrows the table and the registry, which must outlive it.
class AccessControl {
 public:
  // `tokens` null: authentication is disabled (security.auth_disabled) and every caller is an
  // anonymous admin.
  AccessControl(const MethodAccessTable& table, const TokenRegistry* tokens)
      : table_(table), tokens_(tokens) {}

  // The caller of the call: UNAUTHENTICATED for a missing, malformed or unknown token.
  absl::StatusOr<Caller> Authenticate(const grpc::ServerContextBase& context) const;

  // Authenticate, then PERMISSION_DENIED unless the caller's role allows `full_method`
  // ("/cxhub.v1.CustomerService/GetCustomer"); a method not in the table is denied.
  absl::StatusOr<Caller> Admit(const grpc::ServerContextBase& context,
                               absl::string_view full_method) const;

  const MethodAccessTable& table() const { return table_; }

 private:
  const MethodAccessTable& table_;
  const TokenRegistry* const tokens_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_ACCESS_CONTROL_H_
