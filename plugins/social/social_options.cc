#include "plugins/social/social_options.h"

#include <algorithm>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
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
  if (!absl::SimpleAtoi(value, &out) || out < 1 || out > max) {
    return Invalid(absl::StrCat(key, " '", value, "' is not a number from 1 to ", max));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SocialOptions> ParseSocialOptions(absl::string_view text) {
  SocialOptions options;
  std::set<std::string> seen;
  std::string brand_account;
  for (absl::string_view setting : absl::StrSplit(text, absl::ByAnyChar(";\n"))) {
    setting = absl::StripAsciiWhitespace(setting);
    if (setting.empty() || setting.front() == '#') continue;
    const size_t equals = setting.find('=');
    if (equals == absl::string_view::npos) {
      return Invalid(absl::StrCat("'", setting, "' is not key=value"));
    }
    const std::string key(absl::StripAsciiWhitespace(setting.substr(0, equals)));
    const absl::string_view value = absl::StripAsciiWhitespace(setting.substr(equals + 1));
    const bool repeatable = key == "file" || key == "files";
    if (!repeatable && !seen.insert(key).second) {
      return Invalid(absl::StrCat("'", key, "' is given twice"));
    }
    absl::Status status;
    if (key == "file") {
      status = AddFile(value, options);
    } else if (key == "files") {
      for (absl::string_view path : absl::StrSplit(value, ',')) {
        status = AddFile(absl::StripAsciiWhitespace(path), options);
        if (!status.ok()) break;
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
      status = ParseBounded(key, value, kMaxCheckpointEvery, options.checkpoint_every);
    } else if (key == "thread_memory") {
      status = ParseBounded(key, value, kMaxThreadMemory, options.thread_memory);
    } else {
      return Invalid(absl::StrCat("unknown option '", key,
                                  "' (known: file, files, instance, brand_account, "
                                  "checkpoint_every, thread_memory)"));
    }
    if (!status.ok()) return status;
  }
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
