// What complaints have in common over a period (complaints.proto's GetComplaintThemes): the most
// frequent terms and two- and three-word phrases of the chosen interactions' texts
// (complaint_words.h), and how many of them express each configured intent, each with its
// interactions, distinct customers, the same counts over the previous period of the same length
// and the newest example interactions.
//
// Answered by reading the texts of both periods from the store (StoreReader::ListComplaintTexts,
// one range read over the interactions by time) and splitting them here. An interaction counts
// once per phrase or intent however often it says it. Customers are the live ones: a merged
// customer counts once, under its survivor; a deleted one not at all.
#ifndef CXHUB_SERVER_CORE_COMPLAINT_THEMES_H_
#define CXHUB_SERVER_CORE_COMPLAINT_THEMES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// A named intent and the words or phrases that express it, in any language; an interaction
// expresses it when one of them occurs in one of its sentences as whole words, compared folded
// (complaint_words.h), stop words included ("where is my order").
struct ComplaintIntent {
  std::string name;
  std::vector<std::string> phrases;
};

struct ComplaintThemesQuery {
  // The period [start_time, end_time); both finite, end after start.
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  std::vector<ComplaintSource> sources;       // Empty: every source.
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any.
  std::string channel;                        // Empty: any.
  // Only the interactions of these customers (live ids); null: every customer. Borrowed: must
  // outlive Get.
  const absl::flat_hash_set<CustomerId>* only_customers = nullptr;
  // Only the interactions of this segment's members at the time of the request (with
  // only_customers too: of both); nullopt: every customer.
  std::optional<SegmentId> segment;
  int max_phrases = 20;  // Of each length; at least 1.
  int max_examples = 3;  // At least 0.
};

struct ComplaintTheme {
  std::string text;  // The folded phrase, words joined by a space, or the intent's name.
  int words = 0;     // 1 to 3; 0 for an intent.
  int64_t interactions = 0;
  int64_t customers = 0;
  int64_t previous_interactions = 0;
  int64_t previous_customers = 0;
  // (interactions - previous) / previous x 100; nullopt when the previous period had none.
  std::optional<double> change_percent;
  std::vector<InteractionId> examples;  // Newest first ((occur_time, id) descending).
};

struct ComplaintThemesReport {
  absl::Time start_time;
  absl::Time end_time;
  absl::Time previous_start_time;
  absl::Time previous_end_time;
  int64_t interactions = 0;  // Counted in the period, and their distinct customers.
  int64_t customers = 0;
  // Most interactions first, ties by text.
  std::vector<ComplaintTheme> terms;
  std::vector<ComplaintTheme> two_word_phrases;
  std::vector<ComplaintTheme> three_word_phrases;
  // Every intent, most customers first, ties by interactions, then name.
  std::vector<ComplaintTheme> intents;
};

// Thread-safe; borrows the store, which must outlive it.
class ComplaintThemes {
 public:
  // `clock` says when "now" is for a segment's members.
  ComplaintThemes(Store& store, std::vector<ComplaintIntent> intents, Clock& clock = SystemClock());

  // INVALID_ARGUMENT naming "start_time" or "end_time" for a missing bound or an end not after
  // the start; NOT_FOUND for a touchpoint that does not exist.
  absl::StatusOr<ComplaintThemesReport> Get(const ComplaintThemesQuery& query) const;

 private:
  Store& store_;
  Clock& clock_;
  std::vector<std::string> intent_names_;
  // Each intent's phrases, each folded into its words.
  std::vector<std::vector<std::vector<std::string>>> intent_phrases_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_COMPLAINT_THEMES_H_
