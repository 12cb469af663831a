// libFuzzer target: any bytes as a text-format server configuration. Parsing must never crash,
// must answer OK or INVALID_ARGUMENT, and a configuration it accepts must print back to text that
// parses to the same configuration.
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/config_loader.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<cxhub::config::v1::ServerConfig> config = cxhub::ParseConfig(text, "fuzz");
  if (!config.ok()) {
    Check(config.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  std::string printed;
  Check(google::protobuf::TextFormat::PrintToString(*config, &printed));
  absl::StatusOr<cxhub::config::v1::ServerConfig> again = cxhub::ParseConfig(printed, "printed");
  Check(again.ok() && google::protobuf::util::MessageDifferencer::Equals(*again, *config));
  return 0;
}
