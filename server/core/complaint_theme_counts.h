// The counts behind complaint themes (complaint_themes.h): each theme (a phrase, or a configured
// intent) gets an id, each interaction the ids of the themes it says, and each theme its
// interactions and distinct customers in the period and the previous one, and its newest
// examples. Not thread-safe: one per query.
#ifndef CXHUB_SERVER_CORE_COMPLAINT_THEME_COUNTS_H_
#define CXHUB_SERVER_CORE_COMPLAINT_THEME_COUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "server/core/complaint_themes.h"
#include "server/core/model.h"

namespace cxhub {

using ComplaintThemeId = uint32_t;

// One interaction and the themes it says, each once.
struct ThemedInteraction {
  InteractionId id = 0;
  CustomerId customer_id = 0;
  absl::Time occur_time;
  std::vector<ComplaintThemeId> themes;
};

class ComplaintThemeCounts {
 public:
  // Themes 0 to intent_names.size() - 1 are the intents, in that order.
  explicit ComplaintThemeCounts(const std::vector<std::string>& intent_names);

  // The id of a phrase of `words` words (1 to 3), given a new one the first time.
  ComplaintThemeId AddPhrase(const std::string& phrase, int words);
  // The id of a phrase already added, or nullopt.
  std::optional<ComplaintThemeId> FindPhrase(const std::string& phrase) const;

  // Counts the interactions of the period (previous: of the previous period). Reorders them.
  void Count(std::vector<ThemedInteraction>& interactions, bool previous);

  // The `limit` themes of `words` words with the most interactions in the period (ties by text),
  // with up to `max_examples` examples each from `interactions` (those of the period); words 0:
  // every intent, most customers first (ties by interactions, then name).
  std::vector<ComplaintTheme> Top(int words, int limit, std::vector<ThemedInteraction>& period,
                                  int max_examples) const;

 private:
  struct Tally {
    std::string text;
    int words = 0;
    int64_t interactions = 0;
    int64_t customers = 0;
    int64_t previous_interactions = 0;
    int64_t previous_customers = 0;
    CustomerId last_customer = 0;  // While counting customers in customer order.
  };

  ComplaintTheme ThemeOf(const Tally& tally) const;

  std::vector<Tally> tallies_;
  absl::flat_hash_map<std::string, ComplaintThemeId> phrase_ids_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_COMPLAINT_THEME_COUNTS_H_
