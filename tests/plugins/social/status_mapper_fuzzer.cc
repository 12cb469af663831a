// libFuzzer target: any bytes as one line through the entity parser and the status mapper
// (simdjson, handles, HTML to text, thread index). It must never crash; every interaction it
// returns must have the fields the host requires, and a dead letter must name a JSON path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/match.h"
#include "plugins/social/status_mapper.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static cxhub::social::StatusMapper* mapper =
      new cxhub::social::StatusMapper({"mastodon.example", "@northwind@mastodon.example"});
  static cxhub::social::ThreadIndex* threads = new cxhub::social::ThreadIndex(64);
  const absl::string_view line(reinterpret_cast<const char*>(data), size);
  const cxhub::social::SocialMapping mapping = mapper->Map(line, *threads);
  using Kind = cxhub::social::SocialMapping::Kind;
  if (mapping.kind == Kind::kInteractions) {
    if (mapping.records.empty()) std::abort();
    for (const auto& record : mapping.records) {
      const auto& post = record.interaction();
      if (post.external_id().empty() || post.thread_id().empty() ||
          post.customer_identities_size() != 1 ||
          !absl::StartsWith(post.customer_identities(0).value(), "mastodon:@") ||
          !post.has_occur_time()) {
        std::abort();
      }
    }
  } else if (mapping.kind == Kind::kDeadLetter && !absl::StartsWith(mapping.reason, "$")) {
    std::abort();
  }
  return 0;
}
