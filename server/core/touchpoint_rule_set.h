// Touchpoint rules compiled for matching: words folded into phrases (folded_text.h), contacted
// identities normalized, survey tags case-folded, once per set of rules rather than once per
// interaction.
//
// A rule matches an interaction when every criterion it sets matches (a list when one of its
// values does):
//   channels                the interaction's channel
//   sources                 its source (connector instance name or API caller's source)
//   contacted               one of the identities of its attribute "business_identities"
//                           (business_identities.h), both sides compared as ContactedIdentity
//   words                   a word or phrase (consecutive words) of its subject or its body
//   attributes              every one present with exactly this value
//   survey_touchpoint_tags  its survey's touchpoint_tag, case-insensitively
//   kinds                   its kind
#ifndef CXHUB_SERVER_CORE_TOUCHPOINT_RULE_SET_H_
#define CXHUB_SERVER_CORE_TOUCHPOINT_RULE_SET_H_

#include <string>
#include <vector>

#include "server/core/identity_normalizer.h"
#include "server/core/model.h"

namespace cxhub {

// How a contacted identity is compared: normalized (identity_normalizer.h) when it normalizes,
// else its value trimmed and lower-cased (a ring group "100", an inbox the normalizer does not
// know).
Identity ContactedIdentity(const IdentityNormalizer& normalizer, const Identity& identity);

// Immutable once built, so thread-safe. Borrows the normalizer, which must outlive it.
class TouchpointRuleSet {
 public:
  // `rules` in any order; they are tried by ascending (priority, id).
  TouchpointRuleSet(std::vector<TouchpointRule> rules, const IdentityNormalizer& normalizer);

  // The first rule that matches `interaction`, or nullptr. Valid while this set lives.
  const TouchpointRule* Match(const Interaction& interaction) const;

  size_t size() const { return rules_.size(); }

 private:
  struct CompiledRule {
    TouchpointRule rule;
    std::vector<Identity> contacted;
    std::vector<std::vector<std::string>> phrases;
    std::vector<std::string> survey_tags;
  };
  class Candidate;

  static bool Matches(const CompiledRule& compiled, Candidate& candidate);

  const IdentityNormalizer& normalizer_;
  std::vector<CompiledRule> rules_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_TOUCHPOINT_RULE_SET_H_
