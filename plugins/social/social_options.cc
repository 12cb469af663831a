#include "plugins/social/social_options.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/tailed_file_options.h"
#include "plugins/social/mastodon_handle.h"

namespace cxhub::social {
namespace {

// Bounded so that the cursor stays well under the host's 64 KiB limit (see social_cursor.h).
constexpr int64_t kMaxThreadMemory = 1500;

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("social connector options: ", message));
}

}  // namespace

absl::StatusOr<SocialOptions> ParseSocialOptions(absl::string_view text) {
  SocialOptions options;
  std::string brand_account;
  absl::Status parsed = plugin_common::ParseTailedFileOptions(
      text, "social", {{"instance", "brand_account", "thread_memory"}, {}}, options,
      [&](absl::string_view key, absl::string_view value) -> absl::Status {
        if (key == "instance") {
          options.instance = absl::AsciiStrToLower(value);
          if (!IsInstanceDomain(options.instance)) {
            return Invalid(absl::StrCat("instance '", value,
                                        "' is not a domain name (e.g. mastodon.example)"));
          }
        } else if (key == "brand_account") {
          brand_account = std::string(value);
          if (brand_account.empty()) return Invalid("brand_account is empty");
        } else if (key == "thread_memory") {
          absl::Status status =
              plugin_common::ParseIntOption(key, value, 1, kMaxThreadMemory, options.thread_memory);
          if (!status.ok()) return Invalid(status.message());
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
