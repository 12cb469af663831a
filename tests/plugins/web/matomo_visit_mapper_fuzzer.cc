// libFuzzer target: any bytes as one line through the Matomo visit mapper and the visit's
// records (simdjson, intent rules, amounts). It must never crash; a visit it reads must give a
// VISIT record first with the fields the host requires, and an error must name a JSON path or
// the visit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "absl/strings/match.h"
#include "plugins/web/matomo_visit_mapper.h"
#include "plugins/web/visit_records.h"

namespace {

const cxhub::web::VisitRecordsConfig& Config() {
  static const cxhub::web::VisitRecordsConfig* config = [] {
    auto* made = new cxhub::web::VisitRecordsConfig;
    for (const char* rule : {"transactional: url /cart, /checkout", "transactional: order",
                             "informational: url /help/", "informational: search"}) {
      made->intent_rules.push_back(*cxhub::web::ParseIntentRule(rule));
    }
    return made;
  }();
  return *config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static cxhub::web::MatomoVisitMapper* mapper = new cxhub::web::MatomoVisitMapper();
  const absl::string_view line(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<cxhub::web::WebVisit> visit = mapper->Map(line);
  if (!visit.ok()) {
    if (!absl::StartsWith(visit.status().message(), "$")) std::abort();
    return 0;
  }
  const auto records = cxhub::web::VisitRecords(*visit, Config());
  if (!records.ok()) {
    if (!absl::StartsWith(records.status().message(), "visit ")) std::abort();
    return 0;
  }
  if (records->empty() || records->size() != 1 + visit->orders.size()) std::abort();
  const auto& first = (*records)[0].interaction();
  if (first.kind() != cxhub::v1::VISIT || first.external_id().empty() ||
      first.customer_identities_size() == 0 || !first.has_occur_time() ||
      first.attributes().count("visit_intent") != 1) {
    std::abort();
  }
  return 0;
}
