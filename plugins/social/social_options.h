// The social connector's options, as written in the server configuration's `options` string.
//
// `key=value` settings separated by newlines or `;`; spaces around keys and values are ignored,
// and so are empty settings and settings starting with `#`. Besides file, files and
// checkpoint_every (plugins/common/tailed_file_options.h; a file holds Mastodon entities, one JSON
// object per line, and at least one is required):
//
//   instance=<domain>       the brand's own instance, e.g. mastodon.example. Required. Qualifies
//                           local accounts whose `url` is missing, and a brand account given
//                           without its domain.
//   brand_account=<acct>    the brand's account: `northwind`, `@northwind`,
//                           `northwind@mastodon.example` or `@northwind@mastodon.example`.
//                           Required. Its posts are outbound.
//   thread_memory=<N>       how many statuses' thread roots the cursor remembers, so that a
//                           reply read later still finds its root (1-1500, default 1000).
//
// Example: "file=/var/lib/cxhub/mastodon.jsonl; instance=mastodon.example;
//           brand_account=@northwind@mastodon.example"
#ifndef CXHUB_PLUGINS_SOCIAL_SOCIAL_OPTIONS_H_
#define CXHUB_PLUGINS_SOCIAL_SOCIAL_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/tailed_file_options.h"

namespace cxhub::social {

// files and checkpoint_every come from TailedFileOptions.
struct SocialOptions : plugin_common::TailedFileOptions {
  std::string instance;      // lower-case domain, e.g. "mastodon.example"
  std::string brand_handle;  // qualified and lower-case: "@northwind@mastodon.example"
  int64_t thread_memory = 1000;
};

// Parses and validates the options. INVALID_ARGUMENT naming the setting for an unknown key, a
// repeated single-valued key, a missing required key, a malformed instance or brand account, or
// an out-of-range number.
absl::StatusOr<SocialOptions> ParseSocialOptions(absl::string_view text);

}  // namespace cxhub::social

#endif  // CXHUB_PLUGINS_SOCIAL_SOCIAL_OPTIONS_H_
