#include "plugins/chat/credential_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cxhub::chat {
namespace {

constexpr size_t kMaxCredentialBytes = 1 << 20;

}  // namespace

absl::StatusOr<std::string> ReadCredentialFile(const std::string& path, absl::string_view what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    const std::string message =
        absl::StrCat("cannot read ", what, " '", path, "': ", std::strerror(error));
    if (error == EACCES) return absl::PermissionDeniedError(message);
    return absl::UnavailableError(message);
  }
  std::string content;
  char chunk[4096];
  while (file.read(chunk, sizeof(chunk)) || file.gcount() > 0) {
    content.append(chunk, static_cast<size_t>(file.gcount()));
    if (content.size() > kMaxCredentialBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " '", path, "' is over ", kMaxCredentialBytes, " bytes"));
    }
  }
  absl::StripTrailingAsciiWhitespace(&content);
  if (content.empty())
    return absl::InvalidArgumentError(absl::StrCat(what, " '", path, "' is empty"));
  return content;
}

}  // namespace cxhub::chat
