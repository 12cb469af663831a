#include "clients/cxctl/report/journey_stage_name.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cxhub::cxctl {

std::string JourneyStageName(v1::JourneyStage stage) {
  if (stage == v1::JOURNEY_STAGE_UNSPECIFIED) return "No stage";
  const std::string& name = v1::JourneyStage_Name(stage);
  if (!absl::StartsWith(name, "JOURNEY_STAGE_")) return absl::StrCat("Stage ", stage);
  std::string word = absl::AsciiStrToLower(name.substr(sizeof("JOURNEY_STAGE_") - 1));
  word[0] = absl::ascii_toupper(word[0]);
  return word;
}

}  // namespace cxhub::cxctl
