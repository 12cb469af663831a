#include "clients/cxctl/token_issue.h"

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/auth/role.h"
#include "server/auth/token_hash.h"

namespace cxhub::cxctl {
namespace {

constexpr char kUsage[] =
    "usage: cxctl tokens issue --name NAME --role reader|writer|admin\n"
    "Prints a new random token and the line that admits it in cxhubd's tokens file.\n";

// The value of --flag VALUE or --flag=VALUE.
std::optional<std::string> FlagValue(const std::vector<std::string>& args,
                                     const std::string& flag) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) return args[i + 1];
    if (absl::StartsWith(args[i], flag + "=")) return args[i].substr(flag.size() + 1);
  }
  return std::nullopt;
}

bool IsValidName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '#' || c == '\n') return false;
  }
  return true;
}

}  // namespace

bool IsTokensCommand(const std::vector<std::string>& args) {
  return !args.empty() && args[0] == "tokens";
}

int RunTokensCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::optional<std::string> name = FlagValue(args, "--name");
  const std::optional<std::string> role_name = FlagValue(args, "--role");
  const std::optional<Role> role = role_name ? ParseRole(*role_name) : std::nullopt;
  if (args.size() < 2 || args[1] != "issue" || !name || !IsValidName(*name) || !role) {
    err << kUsage;
    return 2;
  }
  absl::StatusOr<std::string> token = NewRandomToken();
  if (!token.ok()) {
    err << "cxctl: " << token.status().message() << "\n";
    return 1;
  }
  out << "token: " << *token << "\n"
      << "  Give it to the caller once (cxctl reads it from --token-file or $CXHUB_TOKEN); it is\n"
      << "  not stored anywhere.\n"
      << "tokens file line:\n"
      << *name << " " << RoleName(*role) << " " << TokenSha256Hex(*token) << "\n"
      << "  Append it to the file named by security.tokens_file, then: kill -HUP $(pidof cxhubd)\n"
      << "  To revoke: delete the line and send SIGHUP again.\n";
  return 0;
}

}  // namespace cxhub::cxctl
