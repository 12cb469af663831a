#include "benchmarks/harness/sample_interaction.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace cxhub::bench {

void FillSampleInteraction(absl::string_view customer, absl::string_view source,
                           absl::string_view external_id, absl::Time occur_time,
                           v1::Interaction& interaction) {
  interaction.Clear();
  const int64_t seconds = absl::ToUnixSeconds(occur_time);
  interaction.set_customer(std::string(customer));
  interaction.set_channel("email");
  interaction.set_kind(v1::MESSAGE);
  interaction.set_direction(v1::INBOUND);
  interaction.mutable_occur_time()->set_seconds(seconds);
  interaction.set_thread_id(absl::StrCat("thread-", seconds % 50));
  interaction.set_subject(absl::StrCat("Order NW-", seconds % 1000000, " did not arrive"));
  interaction.set_body(absl::StrCat("Hello, my order NW-", seconds % 1000000,
                                    " was due yesterday and the tracking page has not changed "
                                    "since Monday. Could you tell me where it is? ",
                                    std::string(260, 'x')));
  interaction.set_source(std::string(source));
  interaction.set_external_id(std::string(external_id));
  (*interaction.mutable_attributes())["mailbox"] = "support";
}

}  // namespace cxhub::bench
