// libFuzzer target: any bytes as one cdr_csv line through the whole record mapper (CSV, columns,
// libphonenumber, time zone). It must never crash; an interaction it returns must have the fields
// the host requires.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/time/time.h"
#include "plugins/phone/cdr_mapper.h"

namespace {

const cxhub::phone::CdrMapper& Mapper() {
  static const cxhub::phone::CdrMapper* mapper = [] {
    cxhub::phone::CdrMapperConfig config;
    config.default_region = "PT";
    if (!absl::LoadTimeZone("Europe/Lisbon", &config.server_zone)) std::abort();
    config.extensions = *cxhub::phone::ExtensionPatterns::Parse("1XX");
    return new cxhub::phone::CdrMapper(config);
  }();
  return *mapper;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view line(reinterpret_cast<const char*>(data), size);
  const cxhub::phone::CdrMapping mapping = Mapper().Map(line);
  if (mapping.kind == cxhub::phone::CdrMapping::Kind::kInteraction) {
    const auto& call = mapping.record.interaction();
    if (call.external_id().empty() || call.customer_identities_size() != 1 ||
        call.customer_identities(0).value().empty() ||
        call.customer_identities(0).value()[0] != '+') {
      std::abort();
    }
  } else if (mapping.reason.empty()) {
    std::abort();
  }
  return 0;
}
