#include "server/core/merge_policy.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "server/core/logger.h"

namespace cxhub {
namespace {

std::atomic<int64_t> guardrail_stops{0};

bool IsGuardrail(MergeSuggestionReason reason) {
  return reason == MergeSuggestionReason::kIdentityJoinsTooMany ||
         reason == MergeSuggestionReason::kRecordMergesTooMany;
}

absl::string_view ReasonName(MergeSuggestionReason reason) {
  switch (reason) {
    case MergeSuggestionReason::kClaimedIdentity:
      return "claimed_identity";
    case MergeSuggestionReason::kSourceNotTrusted:
      return "source_not_trusted";
    case MergeSuggestionReason::kIdentityJoinsTooMany:
      return "identity_joins_too_many";
    case MergeSuggestionReason::kRecordMergesTooMany:
      return "record_merges_too_many";
  }
  return "unknown";
}

// Why a guardrail stopped the merges of a record, and the identity that tripped it.
struct GuardrailStop {
  MergeSuggestionReason reason;
  std::optional<size_t> identity_index;
};

}  // namespace

void StampProvenance(const IdentityProvenance& assertion, absl::Time now, Identity& identity) {
  if (identity.trust == IdentityTrust::kUnspecified) identity.trust = IdentityTrust::kClaimed;
  if (identity.provenance.source.empty()) {
    identity.provenance.source = assertion.source;
    identity.provenance.asserted_by = assertion.asserted_by;
  }
  identity.provenance.assert_time = now;
}

int64_t MergeGuardrailStops() { return guardrail_stops.load(std::memory_order_relaxed); }

MergePolicy::MergePolicy(ConflictPolicy conflict) { options_.conflict = conflict; }

MergePolicy::MergePolicy(MergePolicyOptions options) : options_(std::move(options)) {}

std::optional<MergeSuggestionReason> MergePolicy::RefusalFor(const Identity& identity) const {
  MergeTrust merge = MergeTrust::kVerified;
  for (const MergeRule& rule : options_.rules) {
    if (rule.source != identity.provenance.source) continue;
    if (!rule.kinds.empty() &&
        std::find(rule.kinds.begin(), rule.kinds.end(), identity.kind) == rule.kinds.end()) {
      continue;
    }
    merge = rule.merge;
    break;
  }
  switch (merge) {
    case MergeTrust::kAny:
      return std::nullopt;
    case MergeTrust::kNone:
      return MergeSuggestionReason::kSourceNotTrusted;
    case MergeTrust::kVerified:
      break;
  }
  if (identity.trust == IdentityTrust::kVerified) return std::nullopt;
  return MergeSuggestionReason::kClaimedIdentity;
}

size_t MergePolicy::FirstIdentityOf(CustomerId customer,
                                    const std::vector<std::optional<OwnedIdentity>>& owners) {
  for (size_t i = 0; i < owners.size(); ++i) {
    if (owners[i].has_value() && owners[i]->customer_id == customer) return i;
  }
  return 0;  // Unreachable for an owner taken from `owners`.
}

MergePlan MergePolicy::Plan(const std::vector<Identity>& identities,
                            const std::vector<std::optional<OwnedIdentity>>& owners) const {
  std::vector<CustomerId> distinct;  // Owners in record order.
  std::vector<CustomerId> group;     // Owners of identities that may merge, in record order.
  std::vector<size_t> joining;
  for (size_t i = 0; i < owners.size(); ++i) {
    if (!owners[i].has_value()) continue;
    const CustomerId owner = owners[i]->customer_id;
    if (std::find(distinct.begin(), distinct.end(), owner) == distinct.end()) {
      distinct.push_back(owner);
    }
    if (options_.conflict == ConflictPolicy::kMerge && !RefusalFor(identities[i]).has_value()) {
      if (std::find(group.begin(), group.end(), owner) == group.end()) group.push_back(owner);
      joining.push_back(i);
    }
  }
  MergePlan plan;
  std::optional<GuardrailStop> stop;
  if (group.size() > 1) {
    if (static_cast<int>(group.size()) > options_.max_merges_per_record) {
      stop = GuardrailStop{MergeSuggestionReason::kRecordMergesTooMany, std::nullopt};
    }
    for (size_t i : joining) {
      if (stop.has_value()) break;
      if (owners[i]->joined_customers + static_cast<int64_t>(group.size()) - 1 >
          options_.max_customers_per_identity) {
        stop = GuardrailStop{MergeSuggestionReason::kIdentityJoinsTooMany, i};
      }
    }
  }
  if (group.size() > 1 && !stop.has_value()) {
    plan.customer_id = *std::min_element(group.begin(), group.end());
    for (CustomerId owner : group) {
      if (owner != plan.customer_id) plan.merged.push_back(owner);
    }
    std::sort(plan.merged.begin(), plan.merged.end());
    plan.joining_identities = std::move(joining);
  } else {
    plan.customer_id = group.empty() ? distinct.front() : group.front();
    group.assign(1, plan.customer_id);
  }
  for (CustomerId owner : distinct) {
    if (std::find(group.begin(), group.end(), owner) != group.end()) continue;
    MergeRefusal refusal;
    refusal.customer_id = owner;
    refusal.identity_index = FirstIdentityOf(owner, owners);
    if (stop.has_value() && stop->identity_index.has_value() &&
        owners[*stop->identity_index]->customer_id == owner) {
      refusal.identity_index = *stop->identity_index;
    }
    const Identity& identity = identities[refusal.identity_index];
    refusal.reason = RefusalFor(identity).value_or(
        stop.has_value() ? stop->reason : MergeSuggestionReason::kClaimedIdentity);
    // Suggestions count as joins: past the bound, a claim is reported as a guardrail too.
    if (options_.conflict == ConflictPolicy::kMerge &&
        owners[refusal.identity_index]->joined_customers + 1 >
            options_.max_customers_per_identity) {
      refusal.reason = MergeSuggestionReason::kIdentityJoinsTooMany;
    }
    if (options_.conflict == ConflictPolicy::kMerge && IsGuardrail(refusal.reason)) {
      guardrail_stops.fetch_add(1, std::memory_order_relaxed);
      DefaultLogger().Log(LogLevel::kWarning, "merge_guardrail",
                          // The kind only: identity values are personal data (debug only).
                          {{"reason", ReasonName(refusal.reason)},
                           {"identity_kind", IdentityKindName(identity.kind)},
                           {"customer", plan.customer_id},
                           {"other_customer", owner}});
    }
    plan.refused.push_back(refusal);
  }
  return plan;
}

}  // namespace cxhub
