// Mastodon account handles in the one form cxhub stores: "@user@instance", lower-case.
//
// Mastodon's `acct` is "user@domain" for a remote account and just "user" for an account of the
// instance that served the entity; a local one is qualified with the host of the account's
// profile `url` (https://mastodon.example/@ines_rocha -> @ines_rocha@mastodon.example), or, when
// there is no url, with the configured instance.
#ifndef CXHUB_PLUGINS_SOCIAL_MASTODON_HANDLE_H_
#define CXHUB_PLUGINS_SOCIAL_MASTODON_HANDLE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::social {

// The network qualifier of cxhub social identities written by this connector.
inline constexpr absl::string_view kMastodonNetwork = "mastodon";

// True for a plausible DNS name (letters, digits, '-', '.', an optional ":port").
bool IsInstanceDomain(absl::string_view domain);

// The host of an http(s) URL ("https://mastodon.example/@ana" -> "mastodon.example"), lower-case;
// empty when `url` is not an http(s) URL with a host.
std::string UrlHost(absl::string_view url);

// Qualifies `acct` ("user", "@user", "user@domain", "@user@domain"). A local acct takes the host
// of `profile_url`, or `fallback_instance` when `profile_url` is empty. INVALID_ARGUMENT when the
// user or the domain is empty or malformed, or when a local acct has a profile url without host.
absl::StatusOr<std::string> QualifyAcct(absl::string_view acct, absl::string_view profile_url,
                                        absl::string_view fallback_instance);

// "mastodon:" + handle: the value of a SOCIAL identity.
std::string SocialIdentityValue(absl::string_view handle);

}  // namespace cxhub::social

#endif  // CXHUB_PLUGINS_SOCIAL_MASTODON_HANDLE_H_
