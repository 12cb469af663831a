#include "server/complaint_intents_config.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/config/v1/config.pb.h"
#include "server/core/complaint_themes.h"
#include "server/core/complaint_words.h"

namespace cxhub {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("config: ", field, ": ", problem));
}

bool IsIntentName(absl::string_view name) {
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') return false;
  }
  return !name.empty();
}

absl::Status ValidatePhrases(const config::v1::ComplaintIntent& intent, absl::string_view field) {
  if (intent.phrases().empty()) return Invalid(absl::StrCat(field, ".phrases"), "at least one");
  for (int i = 0; i < intent.phrases_size(); ++i) {
    if (ComplaintSentences(intent.phrases(i)).empty()) {
      return Invalid(absl::StrCat(field, ".phrases[", i, "]"), "must have a word");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateComplaintIntents(const config::v1::AnalyticsConfig& analytics) {
  absl::flat_hash_set<std::string> names;
  for (int i = 0; i < analytics.complaint_intents_size(); ++i) {
    const config::v1::ComplaintIntent& intent = analytics.complaint_intents(i);
    const std::string field = absl::StrCat("analytics.complaint_intents[", i, "]");
    if (!IsIntentName(intent.name())) {
      return Invalid(absl::StrCat(field, ".name"),
                     "required: lowercase letters, digits and hyphens (\"where-is-my-order\")");
    }
    if (!names.insert(intent.name()).second) {
      return Invalid(absl::StrCat(field, ".name"),
                     absl::StrCat("\"", intent.name(), "\" is used twice"));
    }
    if (absl::Status status = ValidatePhrases(intent, field); !status.ok()) return status;
  }
  return absl::OkStatus();
}

std::vector<ComplaintIntent> ComplaintIntentsFromConfig(
    const config::v1::AnalyticsConfig& analytics) {
  std::vector<ComplaintIntent> intents;
  for (const config::v1::ComplaintIntent& intent : analytics.complaint_intents()) {
    intents.push_back({intent.name(), {intent.phrases().begin(), intent.phrases().end()}});
  }
  return intents;
}

}  // namespace cxhub
