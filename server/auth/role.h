// The roles a token holds and a method requires (cxhub.v1.Role in protos/cxhub/v1/access.proto,
// kept free of protobuf types here): each role may do what the roles below it may.
#ifndef CXHUB_SERVER_AUTH_ROLE_H_
#define CXHUB_SERVER_AUTH_ROLE_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace cxhub {

// Ordered: a higher value includes every lower one. The values match cxhub.v1.Role.
enum class Role { kReader = 1, kWriter = 2, kAdmin = 3 };

// Whether a caller holding `held` may call a method that requires `required`.
inline bool RoleAllows(Role held, Role required) {
  return static_cast<int>(held) >= static_cast<int>(required);
}

// "reader", "writer", "admin".
absl::string_view RoleName(Role role);

// The inverse of RoleName; nullopt for anything else.
std::optional<Role> ParseRole(absl::string_view name);

}  // namespace cxhub

#endif  // CXHUB_SERVER_AUTH_ROLE_H_
