// The trust policy of merges (core's MergePolicy) from the config's identity_conflict_policy
// and identity_trust.
#ifndef CXHUB_SERVER_MERGE_POLICY_FROM_CONFIG_H_
#define CXHUB_SERVER_MERGE_POLICY_FROM_CONFIG_H_

#include "absl/status/statusor.h"
#include "cxhub/config/v1/config.pb.h"
#include "server/core/merge_policy.h"

namespace cxhub {

// Zero guardrails take their defaults. INVALID_ARGUMENT naming the field for a rule without a
// source or with an unknown identity kind.
absl::StatusOr<MergePolicy> MergePolicyFromConfig(const config::v1::ServerConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_MERGE_POLICY_FROM_CONFIG_H_
