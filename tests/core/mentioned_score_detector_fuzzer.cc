// libFuzzer target: any bytes as a message text through the mentioned-score detector. It must
// never crash, and what it finds must be a score on its scale quoted from the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "server/core/mentioned_score_detector.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<cxhub::MentionedScore> found = cxhub::FindMentionedScore(text);
  if (!found.has_value()) return 0;
  const bool out_of_ten = found->scale == 10 && found->metric == cxhub::SurveyMetric::kNps &&
                          found->score >= 0 && found->score <= 10;
  const bool out_of_five = found->scale == 5 && found->metric == cxhub::SurveyMetric::kCsat &&
                           found->score >= 1 && found->score <= 5;
  if ((!out_of_ten && !out_of_five) || found->quote.empty() ||
      text.substr(0, cxhub::kMentionedScoreMaxScannedBytes).find(found->quote) ==
          absl::string_view::npos) {
    std::abort();
  }
  return 0;
}
