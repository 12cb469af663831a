#include "server/merge_policy_from_config.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace cxhub {
namespace {

MergeTrust MergeTrustFromConfig(config::v1::MergeTrust merge) {
  switch (merge) {
    case config::v1::ANY_MERGE:
      return MergeTrust::kAny;
    case config::v1::NO_MERGE:
      return MergeTrust::kNone;
    default:
      return MergeTrust::kVerified;
  }
}

}  // namespace

absl::StatusOr<MergePolicy> MergePolicyFromConfig(const config::v1::ServerConfig& config) {
  MergePolicyOptions options;
  options.conflict = config.identity_conflict_policy() == config::v1::FLAG ? ConflictPolicy::kFlag
                                                                           : ConflictPolicy::kMerge;
  const config::v1::IdentityTrustConfig& trust = config.identity_trust();
  if (trust.max_customers_per_identity() > 0) {
    options.max_customers_per_identity = static_cast<int>(trust.max_customers_per_identity());
  }
  if (trust.max_merges_per_record() > 0) {
    options.max_merges_per_record = static_cast<int>(trust.max_merges_per_record());
  }
  for (int i = 0; i < trust.rules_size(); ++i) {
    const config::v1::MergeRule& configured = trust.rules(i);
    const std::string field = absl::StrCat("config: identity_trust.rules[", i, "]");
    if (configured.source().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".source: required"));
    }
    MergeRule rule;
    rule.source = configured.source();
    rule.merge = MergeTrustFromConfig(configured.merge());
    for (int kind : configured.kinds()) {
      if (kind < static_cast<int>(IdentityKind::kEmail) ||
          kind > static_cast<int>(IdentityKind::kExternal)) {
        return absl::InvalidArgumentError(absl::StrCat(field, ".kinds: unknown identity kind"));
      }
      rule.kinds.push_back(static_cast<IdentityKind>(kind));
    }
    options.rules.push_back(std::move(rule));
  }
  return MergePolicy(std::move(options));
}

}  // namespace cxhub
