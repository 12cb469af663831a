#include "plugins/web/web_options.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/web/currency_amount.h"
#include "plugins/web/visit_intent.h"

namespace cxhub::web {
namespace {

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("web connector options: ", message));
}

// A qualifier or id for an identity: printable ASCII without spaces or ':'.
bool IsIdentityPart(absl::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    if (c <= ' ' || c >= 127 || c == ':') return false;
  }
  return true;
}

absl::Status ApplyOption(absl::string_view key, absl::string_view value, bool& user_id_given,
                         VisitRecordsConfig& records) {
  if (key == "user_id") {
    user_id_given = true;
    if (value == "email") {
      records.user_id_kind = UserIdKind::kEmail;
    } else if (value == "phone") {
      records.user_id_kind = UserIdKind::kPhone;
    } else if (value == "external") {
      records.user_id_kind = UserIdKind::kExternal;
    } else {
      return Invalid(absl::StrCat("user_id '", value, "' is not email, phone or external"));
    }
  } else if (key == "user_id_system" || key == "site_id") {
    if (!IsIdentityPart(value)) {
      return Invalid(absl::StrCat(key, " '", value,
                                  "' is not 1 to 64 printable characters without spaces or ':'"));
    }
    (key == "site_id" ? records.site_id : records.user_id_system) = std::string(value);
  } else if (key == "currency") {
    if (!IsCurrencyCodeForm(value)) {
      return Invalid(absl::StrCat("currency '", value, "' is not an ISO 4217 code such as EUR"));
    }
    records.currency = std::string(value);
  } else if (key == "intent_rule") {
    absl::StatusOr<IntentRule> rule = ParseIntentRule(value);
    if (!rule.ok()) return Invalid(rule.status().message());
    records.intent_rules.push_back(*std::move(rule));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<WebOptions> ParseWebOptions(absl::string_view text) {
  WebOptions options;
  bool user_id_given = false;
  absl::Status parsed = plugin_common::ParseTailedFileOptions(
      text, "web",
      {{"user_id", "user_id_system", "site_id", "currency", "intent_rule"}, {"intent_rule"}},
      options, [&](absl::string_view key, absl::string_view value) {
        return ApplyOption(key, value, user_id_given, options.records);
      });
  if (!parsed.ok()) return parsed;
  if (options.files.empty()) return Invalid("at least one file=<path> is required");
  if (!user_id_given) {
    return Invalid("user_id is required: what the site's userId is (email, phone or external)");
  }
  const bool external = options.records.user_id_kind == UserIdKind::kExternal;
  if (external && options.records.user_id_system.empty()) {
    return Invalid("user_id=external needs user_id_system (the system that issues the ids)");
  }
  if (!external && !options.records.user_id_system.empty()) {
    return Invalid("user_id_system is only for user_id=external");
  }
  return options;
}

}  // namespace cxhub::web
