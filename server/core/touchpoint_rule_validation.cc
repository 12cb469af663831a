#include "server/core/touchpoint_rule_validation.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/core/field_violation.h"
#include "server/core/folded_text.h"
#include "server/core/record_validation.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

bool HasCriterion(const TouchpointRule& rule) {
  return !rule.channels.empty() || !rule.sources.empty() || !rule.contacted.empty() ||
         !rule.words.empty() || !rule.attributes.empty() || !rule.survey_touchpoint_tags.empty() ||
         !rule.kinds.empty();
}

// At most kMaxTouchpointRuleValues values, each passing `check`, no value twice.
template <typename T, typename Check>
absl::Status CheckList(const std::vector<T>& values, absl::string_view field, Check check) {
  if (values.size() > static_cast<size_t>(kMaxTouchpointRuleValues)) {
    return InvalidFieldError(
        field, absl::StrCat("at most ", kMaxTouchpointRuleValues, " values, got ", values.size()));
  }
  std::set<T> seen;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string element = absl::StrCat(field, "[", i, "]");
    CXHUB_RETURN_IF_ERROR(check(values[i], element));
    if (!seen.insert(values[i]).second) return InvalidFieldError(element, "given twice");
  }
  return absl::OkStatus();
}

absl::Status CheckWords(const std::string& phrase, const std::string& field,
                        const RecordLimits& limits) {
  CXHUB_RETURN_IF_ERROR(CheckRequired(phrase, field, limits.max_field_bytes));
  if (FoldWords(phrase).empty()) {
    return InvalidFieldError(
        field, absl::StrCat("has no word to match (letters or digits) in ", QuoteValue(phrase)));
  }
  return absl::OkStatus();
}

absl::Status CheckContacted(const Identity& identity, const std::string& field,
                            const RecordLimits& limits) {
  if (identity.kind < IdentityKind::kEmail || identity.kind > IdentityKind::kExternal) {
    return InvalidFieldError(absl::StrCat(field, ".kind"), "unknown kind");
  }
  return CheckRequired(absl::StripAsciiWhitespace(identity.value), absl::StrCat(field, ".value"),
                       limits.max_field_bytes);
}

absl::Status CheckKind(InteractionKind kind, const std::string& field) {
  if (kind < InteractionKind::kMessage || kind > InteractionKind::kVisit) {
    return InvalidFieldError(field, "unknown kind");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateTouchpointRule(const TouchpointRule& rule, absl::string_view field,
                                    const RecordLimits& limits) {
  const auto path = [&](absl::string_view member) { return absl::StrCat(field, ".", member); };
  const auto required = [&](const std::string& value, const std::string& element) {
    return CheckRequired(value, element, limits.max_field_bytes);
  };
  if (!HasCriterion(rule)) {
    return InvalidFieldError(field,
                             "needs at least one criterion (channels, sources, contacted, words, "
                             "attributes, survey_touchpoint_tags or kinds)");
  }
  CXHUB_RETURN_IF_ERROR(CheckLength(rule.description, path("description"), limits.max_body_bytes));
  CXHUB_RETURN_IF_ERROR(CheckList(rule.channels, path("channels"), CheckChannelSlug));
  CXHUB_RETURN_IF_ERROR(CheckList(rule.sources, path("sources"), required));
  CXHUB_RETURN_IF_ERROR(
      CheckList(rule.contacted, path("contacted"), [&](const Identity& identity, auto& element) {
        return CheckContacted(identity, element, limits);
      }));
  CXHUB_RETURN_IF_ERROR(
      CheckList(rule.words, path("words"), [&](const std::string& phrase, auto& element) {
        return CheckWords(phrase, element, limits);
      }));
  CXHUB_RETURN_IF_ERROR(CheckAttributes(rule.attributes, path("attributes"), limits));
  CXHUB_RETURN_IF_ERROR(
      CheckList(rule.survey_touchpoint_tags, path("survey_touchpoint_tags"), required));
  return CheckList(rule.kinds, path("kinds"), CheckKind);
}

}  // namespace cxhub
