#include "benchmarks/analytics/raw_fill.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/harness/raw_interaction_insert.h"
#include "server/core/status_macros.h"

namespace cxhub::bench {

absl::Status FillRaw(Connection& raw, const std::vector<CustomerId>& customers,
                     const std::vector<TouchpointId>& touchpoints, int64_t total) {
  constexpr int64_t kRowsPerTransaction = 100000;
  for (int64_t first = 0; first < total; first += kRowsPerTransaction) {
    CXHUB_RETURN_IF_ERROR(raw.BeginWrite());
    CXHUB_RETURN_IF_ERROR(InsertRawInteractions(
        raw, first, std::min(total, first + kRowsPerTransaction),
        [&](int64_t n) { return GeneratedInteraction(n, total, customers, touchpoints); }));
    CXHUB_RETURN_IF_ERROR(raw.Commit());
  }
  return absl::OkStatus();
}

}  // namespace cxhub::bench
