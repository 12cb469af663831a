#include "server/core/touchpoint_rule_set.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "server/core/business_identities.h"
#include "server/core/folded_text.h"

namespace cxhub {

Identity ContactedIdentity(const IdentityNormalizer& normalizer, const Identity& identity) {
  absl::StatusOr<Identity> normalized = normalizer.Normalize(identity);
  if (normalized.ok()) return *std::move(normalized);
  return {identity.kind, absl::AsciiStrToLower(absl::StripAsciiWhitespace(identity.value))};
}

// The interaction as the rules see it; what costs something to compute (folded words, the
// contacted identities) is computed the first time a rule asks for it.
class TouchpointRuleSet::Candidate {
 public:
  Candidate(const Interaction& interaction, const IdentityNormalizer& normalizer)
      : interaction_(interaction), normalizer_(normalizer) {}

  const Interaction& interaction() const { return interaction_; }

  const std::vector<Identity>& contacted() {
    if (!contacted_.has_value()) {
      contacted_.emplace();
      auto attribute = interaction_.attributes.find(std::string(kBusinessIdentitiesAttribute));
      if (attribute != interaction_.attributes.end()) {
        for (const Identity& identity : ParseBusinessIdentities(attribute->second)) {
          contacted_->push_back(ContactedIdentity(normalizer_, identity));
        }
      }
    }
    return *contacted_;
  }

  const std::vector<std::string>& subject_words() {
    if (!subject_words_.has_value()) subject_words_ = FoldWords(interaction_.subject);
    return *subject_words_;
  }
  const std::vector<std::string>& body_words() {
    if (!body_words_.has_value()) body_words_ = FoldWords(interaction_.body);
    return *body_words_;
  }

  const std::optional<std::string>& survey_tag() {
    if (!survey_tag_.has_value() && interaction_.survey.has_value()) {
      survey_tag_ = FoldCase(interaction_.survey->touchpoint_tag);
    }
    return survey_tag_;
  }

 private:
  const Interaction& interaction_;
  const IdentityNormalizer& normalizer_;
  std::optional<std::vector<Identity>> contacted_;
  std::optional<std::vector<std::string>> subject_words_;
  std::optional<std::vector<std::string>> body_words_;
  std::optional<std::string> survey_tag_;
};

namespace {

template <typename T>
bool Contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

TouchpointRuleSet::TouchpointRuleSet(std::vector<TouchpointRule> rules,
                                     const IdentityNormalizer& normalizer)
    : normalizer_(normalizer) {
  std::sort(rules.begin(), rules.end(), [](const TouchpointRule& a, const TouchpointRule& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.id < b.id;
  });
  rules_.reserve(rules.size());
  for (TouchpointRule& rule : rules) {
    CompiledRule compiled;
    for (const Identity& identity : rule.contacted) {
      compiled.contacted.push_back(ContactedIdentity(normalizer, identity));
    }
    for (const std::string& phrase : rule.words) {
      std::vector<std::string> words = FoldWords(phrase);
      // Validation refuses a phrase with no word; one stored anyway would match nothing.
      if (!words.empty()) compiled.phrases.push_back(std::move(words));
    }
    for (const std::string& tag : rule.survey_touchpoint_tags) {
      compiled.survey_tags.push_back(FoldCase(tag));
    }
    compiled.rule = std::move(rule);
    rules_.push_back(std::move(compiled));
  }
}

const TouchpointRule* TouchpointRuleSet::Match(const Interaction& interaction) const {
  Candidate candidate(interaction, normalizer_);
  for (const CompiledRule& compiled : rules_) {
    if (Matches(compiled, candidate)) return &compiled.rule;
  }
  return nullptr;
}

bool TouchpointRuleSet::Matches(const CompiledRule& compiled, Candidate& candidate) {
  const TouchpointRule& rule = compiled.rule;
  const Interaction& interaction = candidate.interaction();
  if (!rule.channels.empty() && !Contains(rule.channels, interaction.channel)) return false;
  if (!rule.sources.empty() && !Contains(rule.sources, interaction.source)) return false;
  if (!rule.kinds.empty() && !Contains(rule.kinds, interaction.kind)) return false;
  for (const auto& [key, value] : rule.attributes) {
    auto found = interaction.attributes.find(key);
    if (found == interaction.attributes.end() || found->second != value) return false;
  }
  if (!rule.survey_touchpoint_tags.empty()) {
    const std::optional<std::string>& tag = candidate.survey_tag();
    if (!tag.has_value() || !Contains(compiled.survey_tags, *tag)) return false;
  }
  if (!rule.contacted.empty()) {
    const std::vector<Identity>& contacted = candidate.contacted();
    if (std::none_of(contacted.begin(), contacted.end(), [&](const Identity& identity) {
          return Contains(compiled.contacted, identity);
        })) {
      return false;
    }
  }
  if (!rule.words.empty()) {
    return std::any_of(compiled.phrases.begin(), compiled.phrases.end(),
                       [&](const std::vector<std::string>& phrase) {
                         return ContainsPhrase(candidate.subject_words(), phrase) ||
                                ContainsPhrase(candidate.body_words(), phrase);
                       });
  }
  return true;
}

}  // namespace cxhub
