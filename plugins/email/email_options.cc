#include "plugins/email/email_options.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace cxhub::email {
namespace {

absl::Status LineError(size_t line_number, absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("email options line ", line_number, ": ", message));
}

template <typename T>
bool ParseBounded(absl::string_view value, T low, T high, T& out) {
  int64_t parsed = 0;
  if (!absl::SimpleAtoi(value, &parsed) || parsed < static_cast<int64_t>(low) ||
      parsed > static_cast<int64_t>(high)) {
    return false;
  }
  out = static_cast<T>(parsed);
  return true;
}

bool IsPlausibleAddress(absl::string_view address) {
  size_t at = address.find('@');
  return at != absl::string_view::npos && at > 0 && at + 1 < address.size() &&
         address.find('@', at + 1) == absl::string_view::npos &&
         address.find_first_of(" \t<>,") == absl::string_view::npos;
}

bool IsPlausibleDomain(absl::string_view domain) {
  return !domain.empty() && domain.find_first_of(" \t<>,@") == absl::string_view::npos &&
         domain.front() != '.' && domain.back() != '.';
}

}  // namespace

void BusinessDirectory::AddAddress(absl::string_view address) {
  addresses_.insert(absl::AsciiStrToLower(absl::StripAsciiWhitespace(address)));
}

void BusinessDirectory::AddDomain(absl::string_view domain) {
  domains_.insert(absl::AsciiStrToLower(absl::StripAsciiWhitespace(domain)));
}

bool BusinessDirectory::IsBusiness(absl::string_view address) const {
  std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(address));
  if (addresses_.count(lower) > 0) return true;
  size_t at = lower.rfind('@');
  if (at == std::string::npos) return false;
  absl::string_view domain = absl::string_view(lower).substr(at + 1);
  while (!domain.empty()) {
    if (domains_.count(std::string(domain)) > 0) return true;
    size_t dot = domain.find('.');
    if (dot == absl::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return false;
}

std::string ApplyLimitSetting(absl::string_view key, absl::string_view value,
                              EmailOptions& options);

// Applies one `key=value` setting to `options`; returns why it is refused, or empty.
std::string ApplySetting(absl::string_view key, absl::string_view value, EmailOptions& options) {
  if (key == "mbox" || key == "maildir") {
    if (value.find_first_of("\t\r") != absl::string_view::npos) {
      return absl::StrCat(key, " path contains a tab");
    }
    std::string path(value);
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    for (const SourceConfig& existing : options.sources) {
      if (existing.path == path) {
        return absl::StrCat("source ", path, " is listed twice");
      }
    }
    options.sources.push_back(
        {key == "mbox" ? SourceKind::kMbox : SourceKind::kMaildir, std::move(path)});
  } else if (key == "business_address") {
    for (absl::string_view address : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      address = absl::StripAsciiWhitespace(address);
      if (!IsPlausibleAddress(address)) {
        return absl::StrCat("business_address '", address,
                            "' is not an address like support@example.com");
      }
      options.business.AddAddress(address);
    }
  } else if (key == "business_domain") {
    for (absl::string_view domain : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      domain = absl::StripAsciiWhitespace(domain);
      if (absl::StartsWith(domain, "*@")) domain.remove_prefix(2);
      if (!IsPlausibleDomain(domain)) {
        return absl::StrCat("business_domain '", domain, "' is not a domain name");
      }
      options.business.AddDomain(domain);
    }
  } else if (key == "sent_mail") {
    std::string path(value);
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    options.sent_mail_sources.insert(std::move(path));
  } else if (key == "trusted_relay_header") {
    std::vector<std::string> parts = absl::StrSplit(value, absl::MaxSplits(':', 1));
    std::string name(absl::StripAsciiWhitespace(parts[0]));
    if (name.empty() || name.find_first_of(" \t") != std::string::npos) {
      return absl::StrCat("trusted_relay_header '", value, "' is not Header-Name[: value]");
    }
    options.trusted_relay_headers.push_back(
        {std::move(name),
         parts.size() > 1 ? std::string(absl::StripAsciiWhitespace(parts[1])) : ""});
  } else {
    return ApplyLimitSetting(key, value, options);
  }
  return "";
}

// The numeric settings of ApplySetting.
std::string ApplyLimitSetting(absl::string_view key, absl::string_view value,
                              EmailOptions& options) {
  if (key == "checkpoint_every") {
    if (!ParseBounded(value, 1, 100000, options.checkpoint_every)) {
      return "checkpoint_every must be an integer from 1 to 100000";
    }
  } else if (key == "max_body_bytes") {
    if (!ParseBounded<size_t>(value, 64, size_t{64} << 20, options.max_body_bytes)) {
      return "max_body_bytes must be an integer from 64 to 67108864";
    }
  } else if (key == "max_full_body_bytes") {
    if (!ParseBounded<size_t>(value, 0, size_t{64} << 20, options.max_full_body_bytes)) {
      return "max_full_body_bytes must be an integer from 0 to 67108864";
    }
  } else if (key == "maildir_settle_seconds") {
    if (!ParseBounded<int64_t>(value, 0, 7 * 86400, options.maildir_settle_seconds)) {
      return "maildir_settle_seconds must be an integer from 0 to 604800";
    }
  } else if (key == "max_message_bytes") {
    if (!ParseBounded<uint64_t>(value, 1024, uint64_t{1} << 30, options.max_message_bytes)) {
      return "max_message_bytes must be an integer from 1024 to 1073741824";
    }
  } else if (key == "max_outbound_recipients") {
    if (!ParseBounded(value, 1, 10000, options.max_outbound_recipients)) {
      return "max_outbound_recipients must be an integer from 1 to 10000";
    }
  } else {
    return absl::StrCat("unknown key '", key,
                        "' (known: mbox, maildir, business_address, business_domain, sent_mail, "
                        "trusted_relay_header, checkpoint_every, max_body_bytes, "
                        "max_full_body_bytes, maildir_settle_seconds, max_outbound_recipients, "
                        "max_message_bytes)");
  }
  return "";
}

absl::StatusOr<EmailOptions> ParseEmailOptions(absl::string_view text) {
  EmailOptions options;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t number = i + 1;
    absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (line.empty() || line[0] == '#') continue;
    size_t equals = line.find('=');
    if (equals == absl::string_view::npos) {
      return LineError(number, absl::StrCat("'", line, "' is not key=value"));
    }
    absl::string_view key = absl::StripAsciiWhitespace(line.substr(0, equals));
    absl::string_view value = absl::StripAsciiWhitespace(line.substr(equals + 1));
    if (value.empty()) return LineError(number, absl::StrCat(key, " has no value"));
    if (std::string refusal = ApplySetting(key, value, options); !refusal.empty()) {
      return LineError(number, refusal);
    }
  }
  if (options.sources.empty()) {
    return absl::InvalidArgumentError(
        "email options: no source; add at least one mbox=<file> or maildir=<folder> line");
  }
  if (options.business.empty()) {
    return absl::InvalidArgumentError(
        "email options: no business_address or business_domain; they decide which mail is "
        "inbound and which outbound");
  }
  for (const std::string& sent : options.sent_mail_sources) {
    if (absl::c_none_of(options.sources,
                        [&](const SourceConfig& source) { return source.path == sent; })) {
      return absl::InvalidArgumentError(absl::StrCat(
          "email options: sent_mail=", sent, " names no configured mbox= or maildir= source"));
    }
  }
  return options;
}

}  // namespace cxhub::email
