#include "server/core/complaint_theme_counts.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "server/core/complaint_themes.h"
#include "server/core/model.h"

namespace cxhub {
namespace {

// The order themes are listed in: phrases by interactions, intents by customers.
bool ListedBefore(const ComplaintTheme& a, const ComplaintTheme& b) {
  if (a.words == 0) {
    return std::tie(b.customers, b.interactions, a.text) <
           std::tie(a.customers, a.interactions, b.text);
  }
  return std::tie(b.interactions, a.text) < std::tie(a.interactions, b.text);
}

// Newest first, as examples are listed.
bool Newer(const ThemedInteraction& a, const ThemedInteraction& b) {
  return std::tie(a.occur_time, a.id) > std::tie(b.occur_time, b.id);
}

}  // namespace

ComplaintThemeCounts::ComplaintThemeCounts(const std::vector<std::string>& intent_names) {
  for (const std::string& name : intent_names) tallies_.push_back(Tally{name});
}

ComplaintThemeId ComplaintThemeCounts::AddPhrase(const std::string& phrase, int words) {
  const auto [found, added] =
      phrase_ids_.try_emplace(phrase, static_cast<ComplaintThemeId>(tallies_.size()));
  if (added) tallies_.push_back(Tally{phrase, words});
  return found->second;
}

std::optional<ComplaintThemeId> ComplaintThemeCounts::FindPhrase(const std::string& phrase) const {
  const auto found = phrase_ids_.find(phrase);
  if (found == phrase_ids_.end()) return std::nullopt;
  return found->second;
}

void ComplaintThemeCounts::Count(std::vector<ThemedInteraction>& interactions, bool previous) {
  // In customer order, a theme's customer is new exactly when it differs from its last one.
  std::sort(interactions.begin(), interactions.end(),
            [](const ThemedInteraction& a, const ThemedInteraction& b) {
              return a.customer_id < b.customer_id;
            });
  for (Tally& tally : tallies_) tally.last_customer = 0;
  for (const ThemedInteraction& interaction : interactions) {
    for (ComplaintThemeId theme : interaction.themes) {
      Tally& tally = tallies_[theme];
      const bool new_customer = tally.last_customer != interaction.customer_id;
      tally.last_customer = interaction.customer_id;
      if (previous) {
        ++tally.previous_interactions;
        tally.previous_customers += new_customer ? 1 : 0;
      } else {
        ++tally.interactions;
        tally.customers += new_customer ? 1 : 0;
      }
    }
  }
}

ComplaintTheme ComplaintThemeCounts::ThemeOf(const Tally& tally) const {
  ComplaintTheme theme;
  theme.text = tally.text;
  theme.words = tally.words;
  theme.interactions = tally.interactions;
  theme.customers = tally.customers;
  theme.previous_interactions = tally.previous_interactions;
  theme.previous_customers = tally.previous_customers;
  if (tally.previous_interactions > 0) {
    theme.change_percent = static_cast<double>(tally.interactions - tally.previous_interactions) /
                           static_cast<double>(tally.previous_interactions) * 100.0;
  }
  return theme;
}

std::vector<ComplaintTheme> ComplaintThemeCounts::Top(int words, int limit,
                                                      std::vector<ThemedInteraction>& period,
                                                      int max_examples) const {
  std::vector<ComplaintTheme> themes;
  absl::flat_hash_map<ComplaintThemeId, size_t> listed;  // Theme id -> index in `themes`.
  for (ComplaintThemeId id = 0; id < tallies_.size(); ++id) {
    const Tally& tally = tallies_[id];
    if (tally.words != words || (words > 0 && tally.interactions == 0)) continue;
    listed[id] = themes.size();
    themes.push_back(ThemeOf(tally));
  }
  std::vector<size_t> order(themes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const size_t kept = words == 0 ? order.size() : std::min<size_t>(order.size(), limit);
  std::partial_sort(order.begin(), order.begin() + kept, order.end(),
                    [&](size_t a, size_t b) { return ListedBefore(themes[a], themes[b]); });
  order.resize(kept);
  std::vector<ComplaintTheme> top;
  std::vector<int64_t> position(themes.size(), -1);
  for (size_t i = 0; i < order.size(); ++i) {
    position[order[i]] = static_cast<int64_t>(i);
    top.push_back(std::move(themes[order[i]]));
  }
  if (max_examples == 0) return top;
  std::sort(period.begin(), period.end(), Newer);
  for (const ThemedInteraction& interaction : period) {
    for (ComplaintThemeId id : interaction.themes) {
      const auto found = listed.find(id);
      if (found == listed.end() || position[found->second] < 0) continue;
      std::vector<InteractionId>& examples = top[position[found->second]].examples;
      if (examples.size() < static_cast<size_t>(max_examples)) examples.push_back(interaction.id);
    }
  }
  return top;
}

}  // namespace cxhub
