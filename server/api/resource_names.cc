#include "server/api/resource_names.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/api/field_errors.h"

namespace cxhub {
namespace {

// Canonical positive decimal int64: digits only, no leading zero, no overflow.
bool ParseId(absl::string_view digits, int64_t* id) {
  if (digits.empty() || digits.size() > 19 || digits[0] == '0') return false;
  int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    const int digit = c - '0';
    if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *id = value;
  return true;
}

// Consumes "<collection>/" and the id up to the next '/' (or the end) from `rest`.
bool ConsumeSegment(absl::string_view* rest, absl::string_view collection, int64_t* id) {
  if (!absl::ConsumePrefix(rest, collection) || !absl::ConsumePrefix(rest, "/")) return false;
  const size_t end = std::min(rest->find('/'), rest->size());
  if (!ParseId(rest->substr(0, end), id)) return false;
  rest->remove_prefix(end);
  return true;
}

absl::Status Malformed(absl::string_view name, absl::string_view pattern, absl::string_view field) {
  return InvalidFieldError(field, absl::StrCat("expected ", pattern, ", got ", QuoteValue(name)));
}

absl::StatusOr<int64_t> ParseName(absl::string_view name, absl::string_view collection,
                                  absl::string_view field) {
  if (name.empty()) return InvalidFieldError(field, "required");
  int64_t id = 0;
  absl::string_view rest = name;
  if (!ConsumeSegment(&rest, collection, &id) || !rest.empty()) {
    return Malformed(name, absl::StrCat(collection, "/{id}"), field);
  }
  return id;
}

// collection/{id}, or collection/- (every one) as 0.
absl::StatusOr<int64_t> ParseNameOrEvery(absl::string_view name, absl::string_view collection,
                                         absl::string_view field) {
  if (name == absl::StrCat(collection, "/-")) return 0;
  if (name.empty()) return InvalidFieldError(field, "required");
  int64_t id = 0;
  absl::string_view rest = name;
  if (!ConsumeSegment(&rest, collection, &id) || !rest.empty()) {
    return Malformed(name, absl::StrCat(collection, "/{id} or ", collection, "/-"), field);
  }
  return id;
}

}  // namespace

std::string CustomerName(CustomerId id) { return absl::StrCat("customers/", id); }
std::string TouchpointName(TouchpointId id) { return absl::StrCat("touchpoints/", id); }
std::string InteractionName(InteractionId id) { return absl::StrCat("interactions/", id); }
std::string TouchpointRuleName(TouchpointId touchpoint, TouchpointRuleId rule) {
  return absl::StrCat("touchpoints/", touchpoint, "/rules/", rule);
}

absl::StatusOr<CustomerId> ParseCustomerName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "customers", field);
}

absl::StatusOr<TouchpointId> ParseTouchpointName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "touchpoints", field);
}

absl::StatusOr<InteractionId> ParseInteractionName(absl::string_view name,
                                                   absl::string_view field) {
  return ParseName(name, "interactions", field);
}

absl::StatusOr<TouchpointRuleKey> ParseTouchpointRuleName(absl::string_view name,
                                                          absl::string_view field) {
  if (name.empty()) return InvalidFieldError(field, "required");
  TouchpointRuleKey key;
  absl::string_view rest = name;
  if (!ConsumeSegment(&rest, "touchpoints", &key.touchpoint_id) ||
      !absl::ConsumePrefix(&rest, "/") || !ConsumeSegment(&rest, "rules", &key.rule_id) ||
      !rest.empty()) {
    return Malformed(name, "touchpoints/{id}/rules/{id}", field);
  }
  return key;
}

absl::StatusOr<TouchpointId> ParseTouchpointRuleParent(absl::string_view name,
                                                       absl::string_view field) {
  return ParseNameOrEvery(name, "touchpoints", field);
}

std::string OperationName(OperationId id) { return absl::StrCat("operations/", id); }

absl::StatusOr<OperationId> ParseOperationName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "operations", field);
}

std::string SegmentName(SegmentId id) { return absl::StrCat("segments/", id); }

absl::StatusOr<SegmentId> ParseSegmentName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "segments", field);
}

absl::StatusOr<SegmentId> ParseSegmentNameOrEvery(absl::string_view name, absl::string_view field) {
  return ParseNameOrEvery(name, "segments", field);
}

std::string MergeName(MergeId id) { return absl::StrCat("merges/", id); }

absl::StatusOr<MergeId> ParseMergeName(absl::string_view name, absl::string_view field) {
  return ParseName(name, "merges", field);
}

std::string MergeSuggestionName(MergeSuggestionId id) {
  return absl::StrCat("mergeSuggestions/", id);
}

absl::StatusOr<MergeSuggestionId> ParseMergeSuggestionName(absl::string_view name,
                                                           absl::string_view field) {
  return ParseName(name, "mergeSuggestions", field);
}

}  // namespace cxhub
