// libFuzzer target: any bytes as one Chatwoot payload through the JSON parser and the event
// mapper. It must never crash; what it returns must be what the connector and host rely on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/match.h"
#include "plugins/chat/chatwoot_event_mapper.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static cxhub::chat::ChatwootEventMapper* mapper =
      new cxhub::chat::ChatwootEventMapper(cxhub::chat::ChatMapperConfig{7, ""});
  const absl::string_view payload(reinterpret_cast<const char*>(data), size);
  const cxhub::chat::ChatMapping mapping = mapper->Map(payload);
  using Kind = cxhub::chat::ChatMapping::Kind;
  if (mapping.kind == Kind::kRecord) {
    if (mapping.record.has_interaction()) {
      const auto& message = mapping.record.interaction();
      const bool survey_answer = message.kind() == cxhub::v1::SURVEY_RESPONSE;
      if (!absl::StartsWith(message.external_id(), survey_answer ? "csat:" : "message:") ||
          survey_answer != message.has_survey() || message.channel() != "chat" ||
          message.customer_identities_size() < 1 ||
          !absl::StartsWith(message.customer_identities(0).value(), "chatwoot:7:") ||
          !absl::StartsWith(message.thread_id(), "chatwoot:7:")) {
        std::abort();
      }
    } else if (!mapping.record.has_identity_link() ||
               mapping.record.identity_link().identities_size() < 1) {
      std::abort();
    }
  } else if (mapping.reason.empty()) {
    std::abort();
  }
  return 0;
}
