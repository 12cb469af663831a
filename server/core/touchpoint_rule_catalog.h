// Touchpoint rule use cases: create, read, list, update and delete the rules that put
// interactions at touchpoints, and the touchpoints (with their rules) a server config declares.
// Every rule is validated (touchpoint_rule_validation.h) before it reaches the store.
#ifndef CXHUB_SERVER_CORE_TOUCHPOINT_RULE_CATALOG_H_
#define CXHUB_SERVER_CORE_TOUCHPOINT_RULE_CATALOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/core/clock.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"
#include "server/core/store.h"

namespace cxhub {

// A position in the order rules are tried: the last rule a page returned.
struct TouchpointRuleCursor {
  int32_t priority = 0;
  TouchpointRuleId id = 0;
};

struct TouchpointRulePage {
  std::vector<TouchpointRule> rules;  // In the order they are tried.
  bool has_more = false;              // The next page starts after rules.back().
};

// The fields to replace; unset ones keep their value.
struct TouchpointRuleUpdate {
  std::optional<int32_t> priority;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> channels;
  std::optional<std::vector<std::string>> sources;
  std::optional<std::vector<Identity>> contacted;
  std::optional<std::vector<std::string>> words;
  std::optional<Attributes> attributes;
  std::optional<std::vector<std::string>> survey_touchpoint_tags;
  std::optional<std::vector<InteractionKind>> kinds;
};

// A touchpoint as a server config declares it, with its rules.
struct TouchpointDeclaration {
  Touchpoint touchpoint;
  std::vector<TouchpointRule> rules;
};

// Thread-safe. Borrows the store and clock.
class TouchpointRuleCatalog {
 public:
  TouchpointRuleCatalog(Store& store, Clock& clock, const RecordLimits& limits = RecordLimits())
      : store_(store), clock_(clock), limits_(limits) {}

  // Creates `rule` at rule.touchpoint_id. A field violation under "rule" for an invalid rule;
  // NOT_FOUND "touchpoint <id> does not exist".
  absl::StatusOr<TouchpointRule> Create(TouchpointRule rule);
  // NOT_FOUND unless rule `id` exists at `touchpoint`.
  absl::StatusOr<TouchpointRule> Get(TouchpointId touchpoint, TouchpointRuleId id);
  // The rules of `touchpoint` (0: of every touchpoint) after `after`, in the order they are
  // tried, at most `limit`. NOT_FOUND for an unknown touchpoint.
  absl::StatusOr<TouchpointRulePage> List(TouchpointId touchpoint,
                                          const std::optional<TouchpointRuleCursor>& after,
                                          int limit);
  // Replaces the fields `update` sets; the resulting rule must be valid (field violations
  // under "rule"). NOT_FOUND as Get.
  absl::StatusOr<TouchpointRule> Update(TouchpointId touchpoint, TouchpointRuleId id,
                                        const TouchpointRuleUpdate& update);
  // NOT_FOUND as Get.
  absl::Status Delete(TouchpointId touchpoint, TouchpointRuleId id);

  // In one transaction, creates every declared touchpoint whose display_name no touchpoint
  // has yet, with its rules (rule.touchpoint_id is ignored); the others are left as they are.
  // Returns the display names created. Field violations name "touchpoints[i].rules[j]".
  absl::StatusOr<std::vector<std::string>> Declare(
      const std::vector<TouchpointDeclaration>& declarations);

 private:
  // Validates `rule` (field violations under `field`) and inserts it.
  absl::StatusOr<TouchpointRule> Insert(StoreWriter& writer, TouchpointRule rule,
                                        absl::string_view field);

  Store& store_;
  Clock& clock_;
  const RecordLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_TOUCHPOINT_RULE_CATALOG_H_
