#include "server/core/touchpoint_assigner.h"

#include <utility>
#include <vector>

#include "server/core/status_macros.h"

namespace cxhub {

absl::StatusOr<std::shared_ptr<const TouchpointRuleSet>> TouchpointAssigner::Rules(
    StoreReader& reader) const {
  CXHUB_ASSIGN_OR_RETURN(const int64_t revision, reader.TouchpointRulesRevision());
  {
    absl::MutexLock lock(&mu_);
    if (cached_ != nullptr && cached_revision_ == revision) return cached_;
  }
  // Compiled outside the lock: other transactions keep matching with the cached set meanwhile.
  CXHUB_ASSIGN_OR_RETURN(std::vector<TouchpointRule> rules, reader.ListTouchpointRules());
  auto compiled = std::make_shared<const TouchpointRuleSet>(std::move(rules), normalizer_);
  absl::MutexLock lock(&mu_);
  // A transaction with an older snapshot must not replace the rules of a newer one.
  if (revision >= cached_revision_) {
    cached_revision_ = revision;
    cached_ = compiled;
  }
  return compiled;
}

absl::Status TouchpointAssigner::Assign(StoreReader& reader, Interaction& interaction) const {
  CXHUB_ASSIGN_OR_RETURN(std::shared_ptr<const TouchpointRuleSet> rules, Rules(reader));
  AssignFrom(*rules, interaction);
  return absl::OkStatus();
}

void TouchpointAssigner::AssignFrom(const TouchpointRuleSet& rules, Interaction& interaction) {
  const TouchpointRule* rule = rules.Match(interaction);
  interaction.touchpoint_id = rule != nullptr ? rule->touchpoint_id : 0;
  interaction.touchpoint_rule_id = rule != nullptr ? rule->id : 0;
}

}  // namespace cxhub
