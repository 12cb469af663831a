// What a touchpoint rule must be to be stored, whichever way it comes in (the API, the server
// config): at least one criterion, each value usable for matching (a channel slug, a phrase
// with a word in it once folded, a non-empty source, tag and identity), sizes within the limits.
#ifndef CXHUB_SERVER_CORE_TOUCHPOINT_RULE_VALIDATION_H_
#define CXHUB_SERVER_CORE_TOUCHPOINT_RULE_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"

namespace cxhub {

// At most this many values in each of a rule's lists.
inline constexpr int kMaxTouchpointRuleValues = 100;

// OK, or a field violation (field_violation.h) under `field`, the path of the rule in its
// request: "rule.channels[1]: ...", "rule.words[0]: ...", or `field` itself for a rule with no
// criterion. Ids, touchpoint and times are not checked (the caller sets them).
absl::Status ValidateTouchpointRule(const TouchpointRule& rule, absl::string_view field,
                                    const RecordLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_TOUCHPOINT_RULE_VALIDATION_H_
