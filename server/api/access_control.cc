#include "server/api/access_control.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cxhub {
namespace {

constexpr absl::string_view kBearer = "bearer ";

// The token of "authorization: Bearer <token>"; empty when there is none.
absl::string_view BearerToken(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return {};
  const absl::string_view value(it->second.data(), it->second.size());
  if (!absl::StartsWithIgnoreCase(value, kBearer)) return {};
  return absl::StripAsciiWhitespace(value.substr(kBearer.size()));
}

}  // namespace

absl::StatusOr<Caller> AccessControl::Authenticate(const grpc::ServerContextBase& context) const {
  if (tokens_ == nullptr) return Caller{"", Role::kAdmin};
  const absl::string_view token = BearerToken(context);
  if (token.empty()) {
    return absl::UnauthenticatedError(
        "no bearer token: send the metadata \"authorization: Bearer <token>\"");
  }
  std::optional<Caller> caller = tokens_->Find(token);
  if (!caller.has_value()) return absl::UnauthenticatedError("unknown or revoked token");
  return *std::move(caller);
}

absl::StatusOr<Caller> AccessControl::Admit(const grpc::ServerContextBase& context,
                                            absl::string_view full_method) const {
  absl::StatusOr<Caller> caller = Authenticate(context);
  if (!caller.ok()) return caller;
  const MethodAccess* access = table_.Find(full_method);
  if (access == nullptr) {
    return absl::PermissionDeniedError(absl::StrCat(full_method, " has no role: denied"));
  }
  if (!RoleAllows(caller->role, access->required_role)) {
    return absl::PermissionDeniedError(absl::StrCat("token \"", caller->token_name, "\" has role ",
                                                    RoleName(caller->role), "; ", full_method,
                                                    " requires ", RoleName(access->required_role)));
  }
  return caller;
}

}  // namespace cxhub
