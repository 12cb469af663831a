#include "plugins/social/mastodon_handle.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/utf8_clip.h"

namespace cxhub::social {
namespace {

// Mastodon user names are letters, digits and '_'; other servers add '.' and '-'.
bool IsUserName(absl::string_view user) {
  if (user.empty() || user.size() > 255) return false;
  for (const char c : user) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsInstanceDomain(absl::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  const size_t colon = domain.find(':');
  absl::string_view host = domain.substr(0, colon);
  if (colon != absl::string_view::npos) {
    const absl::string_view port = domain.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    for (const char c : port) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  if (host.empty() || host.front() == '.' || host.back() == '.' || host.front() == '-') {
    return false;
  }
  for (const char c : host) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return !absl::StrContains(host, "..");
}

std::string UrlHost(absl::string_view url) {
  absl::string_view rest;
  if (absl::StartsWithIgnoreCase(url, "https://")) {
    rest = url.substr(8);
  } else if (absl::StartsWithIgnoreCase(url, "http://")) {
    rest = url.substr(7);
  } else {
    return "";
  }
  const size_t end = rest.find_first_of("/?#");
  absl::string_view host = rest.substr(0, end);
  if (const size_t at = host.rfind('@'); at != absl::string_view::npos) {
    host = host.substr(at + 1);  // user info
  }
  std::string lower = absl::AsciiStrToLower(host);
  return IsInstanceDomain(lower) ? lower : "";
}

absl::StatusOr<std::string> QualifyAcct(absl::string_view acct, absl::string_view profile_url,
                                        absl::string_view fallback_instance) {
  absl::string_view rest = acct;
  if (absl::StartsWith(rest, "@")) rest.remove_prefix(1);
  const size_t at = rest.find('@');
  const absl::string_view user = rest.substr(0, at);
  if (!IsUserName(user)) {
    return absl::InvalidArgumentError(absl::StrCat("'", plugin_common::ClipUtf8(acct, 100),
                                                   "' is not a Mastodon account (bad user name)"));
  }
  std::string domain;
  if (at != absl::string_view::npos) {
    domain = absl::AsciiStrToLower(rest.substr(at + 1));
    if (!IsInstanceDomain(domain)) {
      return absl::InvalidArgumentError(absl::StrCat("'", plugin_common::ClipUtf8(acct, 100),
                                                     "' is not a Mastodon account (bad domain)"));
    }
  } else if (!profile_url.empty()) {
    domain = UrlHost(profile_url);
    if (domain.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the local account '", plugin_common::ClipUtf8(acct, 100),
          "' has a profile url without a host: '", plugin_common::ClipUtf8(profile_url, 200), "'"));
    }
  } else {
    domain = absl::AsciiStrToLower(fallback_instance);
  }
  return absl::StrCat("@", absl::AsciiStrToLower(user), "@", domain);
}

std::string SocialIdentityValue(absl::string_view handle) {
  return absl::StrCat(kMastodonNetwork, ":", handle);
}

}  // namespace cxhub::social
