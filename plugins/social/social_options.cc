#include "plugins/social/social_options.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/key_value_options.h"
#include "plugins/social/mastodon_handle.h"

namespace cxhub::social {
namespace {

constexpr int64_t kMaxCheckpointEvery = 100000;
// Bounded so that the cursor stays well under the host's 64 KiB limit (see social_cursor.h).
constexpr int64_t kMaxThreadMemory = 1500;

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("social connector options: ", message));
}

absl::Status AddFile(absl::string_view path, SocialOptions& options) {
  if (path.empty()) return Invalid("a file path is empty");
  if (absl::StrContains(path, '\n') || absl::StrContains(path, '\0')) {
    return Invalid("file paths must not contain a newline or NUL");
  }
  if (std::find(options.files.begin(), options.files.end(), path) == options.files.end()) {
    options.files.emplace_back(path);
  }
  return absl::OkStatus();
}

absl::Status ParseBounded(absl::string_view key, absl::string_view value, int64_t max,
                          int64_t& out) {
  absl::Status status = plugin_common::ParseIntOption(key, value, 1, max, out);
  return status.ok() ? status : Invalid(status.message());
}

}  // namespace

absl::StatusOr<SocialOptions> ParseSocialOptions(absl::string_view text) {
  SocialOptions options;
  std::string brand_account;
  const plugin_common::OptionKeys keys = {
      {"file", "files", "instance", "brand_account", "checkpoint_every", "thread_memory"},
      {"file", "files"}};
  absl::Status parsed = plugin_common::ForEachOption(
      text, "social connector options", keys,
      [&](absl::string_view key, absl::string_view value) -> absl::Status {
        if (key == "file") return AddFile(value, options);
        if (key == "files") {
          for (absl::string_view path : plugin_common::SplitCommaList(value)) {
            if (absl::Status status = AddFile(path, options); !status.ok()) return status;
          }
        } else if (key == "instance") {
          options.instance = absl::AsciiStrToLower(value);
          if (!IsInstanceDomain(options.instance)) {
            return Invalid(absl::StrCat("instance '", value,
                                        "' is not a domain name (e.g. mastodon.example)"));
          }
        } else if (key == "brand_account") {
          brand_account = std::string(value);
          if (brand_account.empty()) return Invalid("brand_account is empty");
        } else if (key == "checkpoint_every") {
          return ParseBounded(key, value, kMaxCheckpointEvery, options.checkpoint_every);
        } else if (key == "thread_memory") {
          return ParseBounded(key, value, kMaxThreadMemory, options.thread_memory);
        }
        return absl::OkStatus();
      });
  if (!parsed.ok()) return parsed;
  if (options.files.empty()) return Invalid("at least one file=<path> is required");
  if (options.instance.empty()) {
    return Invalid("instance is required (the brand's instance, e.g. mastodon.example)");
  }
  if (brand_account.empty()) {
    return Invalid("brand_account is required (e.g. @northwind@mastodon.example)");
  }
  absl::StatusOr<std::string> brand = QualifyAcct(brand_account, "", options.instance);
  if (!brand.ok()) return Invalid(absl::StrCat("brand_account: ", brand.status().message()));
  options.brand_handle = *std::move(brand);
  return options;
}

}  // namespace cxhub::social
