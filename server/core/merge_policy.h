// The operator's trust policy for merges (config: identity_trust): which identities may join
// existing customers on their own, and the guardrails that stop even trusted ones. The
// resolver asks it; it reads nothing and writes nothing.
#ifndef CXHUB_SERVER_CORE_MERGE_POLICY_H_
#define CXHUB_SERVER_CORE_MERGE_POLICY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// Which identities of a source merge customers.
enum class MergeTrust {
  kVerified,  // Verified ones merge; claimed ones suggest (the default).
  kAny,       // Claimed ones merge too: a trusted source.
  kNone,      // Nothing merges; every join is a suggestion.
};

struct MergeRule {
  std::string source;               // A connector instance's name, or "api".
  std::vector<IdentityKind> kinds;  // Empty: every kind.
  MergeTrust merge = MergeTrust::kVerified;
};

inline constexpr int kDefaultMaxCustomersPerIdentity = 3;
inline constexpr int kDefaultMaxMergesPerRecord = 3;

struct MergePolicyOptions {
  ConflictPolicy conflict = ConflictPolicy::kMerge;
  std::vector<MergeRule> rules;  // First match wins; none matching: kVerified.
  // An identity may join at most this many customers (its owner included).
  int max_customers_per_identity = kDefaultMaxCustomersPerIdentity;
  // One record may merge at most this many existing customers into one.
  int max_merges_per_record = kDefaultMaxMergesPerRecord;
};

// A customer a record reached but does not merge, and why.
struct MergeRefusal {
  CustomerId customer_id = 0;
  size_t identity_index = 0;  // The record's identity that reached it.
  MergeSuggestionReason reason = MergeSuggestionReason::kClaimedIdentity;
};

// What a record whose identities several customers own does.
struct MergePlan {
  CustomerId customer_id = 0;         // Where the record goes (the survivor of `merged`).
  std::vector<CustomerId> merged;     // Merged into customer_id, ascending.
  std::vector<MergeRefusal> refused;  // Left apart; suggested (kMerge) or conflicting (kFlag).
  // Identities (indexes) whose join count grows by merged.size(): the merging ones.
  std::vector<size_t> joining_identities;
};

// Thread-safe (immutable).
class MergePolicy {
 public:
  // The default trust rules and guardrails under `conflict`. Implicit: where a conflict policy
  // was enough, it still is.
  MergePolicy(ConflictPolicy conflict);  // NOLINT(google-explicit-constructor)
  explicit MergePolicy(MergePolicyOptions options);

  ConflictPolicy conflict() const { return options_.conflict; }

  // nullopt when `identity` (its trust and provenance.source as asserted) may merge customers
  // by itself; else why not (kClaimedIdentity or kSourceNotTrusted).
  std::optional<MergeSuggestionReason> RefusalFor(const Identity& identity) const;

  // Decides a record whose `identities` (normalized, asserted) are owned as `owners` says
  // (same length; nullopt: nobody), with at least two distinct owners.
  //   kFlag: the owner of the first owned identity; every other owner refused.
  //   kMerge: the owners of identities that may merge are merged into the oldest of them,
  //     unless a guardrail stops it (then none is, and the record goes to the first of them);
  //     with none, the record goes to the first owner. Every owner not merged is refused,
  //     named by the first identity of the record it owns.
  MergePlan Plan(const std::vector<Identity>& identities,
                 const std::vector<std::optional<OwnedIdentity>>& owners) const;

 private:
  // The index of the first identity owned by `customer`.
  static size_t FirstIdentityOf(CustomerId customer,
                                const std::vector<std::optional<OwnedIdentity>>& owners);

  MergePolicyOptions options_;
};

// Sets what `identity` lacks from `assertion`: trust kClaimed when unspecified, the source and
// asserted_by when it has no source; the assert time is `now`.
void StampProvenance(const IdentityProvenance& assertion, absl::Time now, Identity& identity);

// How many times a guardrail stopped a merge in this process (for the metrics endpoint).
int64_t MergeGuardrailStops();

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MERGE_POLICY_H_
