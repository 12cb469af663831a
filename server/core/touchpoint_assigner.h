// Puts an interaction at its touchpoint by the touchpoint rules (touchpoint_rule_set.h), as of
// the store transaction it is given. The recorder calls it for every interaction recorded
// without a touchpoint; the reassignment of recorded interactions calls it for every one whose
// touchpoint was not given by its caller.
//
// Compiling rules costs more than matching them, so the compiled rules are kept and reused for
// as long as the store's TouchpointRulesRevision() stays the same: assigning then costs one
// revision read.
#ifndef CXHUB_SERVER_CORE_TOUCHPOINT_ASSIGNER_H_
#define CXHUB_SERVER_CORE_TOUCHPOINT_ASSIGNER_H_

#include <cstdint>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/core/identity_normalizer.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/core/touchpoint_rule_set.h"

namespace cxhub {

// True when the interaction's touchpoint was given by whoever recorded it (rules never
// change it).
inline bool HasExplicitTouchpoint(const Interaction& interaction) {
  return interaction.touchpoint_id != 0 && interaction.touchpoint_rule_id == 0;
}

// Thread-safe. Borrows the normalizer, which must outlive it.
class TouchpointAssigner {
 public:
  explicit TouchpointAssigner(const IdentityNormalizer& normalizer) : normalizer_(normalizer) {}

  // Sets interaction.touchpoint_id and interaction.touchpoint_rule_id from the first rule that
  // matches it, both 0 when none does, with the rules `reader`'s transaction sees. Whatever
  // touchpoint the interaction had is replaced: call it only for those without an explicit
  // one (HasExplicitTouchpoint). Errors: the store's.
  absl::Status Assign(StoreReader& reader, Interaction& interaction) const;
  // As Assign, with rules the caller already holds (from Rules).
  static void AssignFrom(const TouchpointRuleSet& rules, Interaction& interaction);

  // The rules `reader`'s transaction sees, compiled; the same set while the revision stays.
  // For callers that assign many interactions in one transaction.
  absl::StatusOr<std::shared_ptr<const TouchpointRuleSet>> Rules(StoreReader& reader) const;

 private:
  const IdentityNormalizer& normalizer_;
  mutable absl::Mutex mu_;
  mutable int64_t cached_revision_ ABSL_GUARDED_BY(mu_) = -1;
  mutable std::shared_ptr<const TouchpointRuleSet> cached_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_TOUCHPOINT_ASSIGNER_H_
