#include "benchmarks/analytics/raw_fill.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/harness/raw_interaction_insert.h"
#include "server/core/status_macros.h"

namespace cxhub::bench {
namespace {

constexpr int64_t kRowsPerStatement = 100;
constexpr int64_t kRowsPerTransaction = 100000;

}  // namespace

absl::Status FillRaw(Connection& raw, const std::vector<CustomerId>& customers,
                     const std::vector<TouchpointId>& touchpoints, int64_t total) {
  for (int64_t first = 0; first < total; first += kRowsPerStatement) {
    if (first % kRowsPerTransaction == 0) CXHUB_RETURN_IF_ERROR(raw.BeginWrite());
    const int64_t count = std::min(kRowsPerStatement, total - first);
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> insert,
                           raw.Prepare(RawInteractionInsertSql(count)));
    int p = 1;
    for (int64_t n = first; n < first + count; ++n) {
      BindRawInteraction(GeneratedInteraction(n, total, customers, touchpoints), *insert, p);
    }
    CXHUB_RETURN_IF_ERROR(insert->Step().status());
    const int64_t next = first + count;
    if (next % kRowsPerTransaction == 0 || next == total) CXHUB_RETURN_IF_ERROR(raw.Commit());
  }
  return absl::OkStatus();
}

}  // namespace cxhub::bench
