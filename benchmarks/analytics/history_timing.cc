#include "benchmarks/analytics/history_timing.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "benchmarks/analytics/range_scan.h"
#include "benchmarks/analytics/timed_calls.h"
#include "server/core/status_macros.h"

namespace cxhub::bench {

absl::StatusOr<HistoryTimes> TimeHistory(Store& store, Connection& raw,
                                         const std::vector<CustomerId>& customers,
                                         const std::string& title, int calls) {
  constexpr int kPageSize = 50;
  constexpr size_t kStride = 7919;  // A prime: successive calls land far apart.
  size_t call = 0;
  auto next_customer = [&] { return customers[(call++ * kStride) % customers.size()]; };
  auto select_page = [&]() -> absl::StatusOr<std::string> {
    CXHUB_ASSIGN_OR_RETURN(
        std::unique_ptr<Statement> page,
        raw.Prepare(absl::StrCat("SELECT * FROM interactions WHERE customer_id = ? "
                                 "ORDER BY occur_time DESC, id DESC LIMIT ",
                                 kPageSize)));
    page->BindInt64(1, next_customer());
    return ReadAllRows(*page);
  };
  auto list_page = [&]() -> absl::StatusOr<std::string> {
    InteractionFilter filter;
    filter.customer_id = next_customer();
    size_t rows = 0;
    CXHUB_RETURN_IF_ERROR(store.Read([&](StoreReader& reader) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(const std::vector<Interaction> page,
                             reader.ListInteractions(filter, std::nullopt, kPageSize));
      rows = page.size();
      return absl::OkStatus();
    }));
    return absl::StrCat(rows, " rows");
  };
  // Both rows read the same customers' pages, so whichever ran first would warm the database's
  // cache (MySQL's buffer pool, the kernel's for SQLite) for the other: one unmeasured pass
  // first, and both are timed warm, as a server serving these customers would be.
  for (int i = 0; i < calls; ++i) CXHUB_RETURN_IF_ERROR(list_page().status());
  call = 0;
  CXHUB_ASSIGN_OR_RETURN(Result select, TimeCalls("SELECT * ... LIMIT 50", calls, select_page));
  call = 0;
  CXHUB_ASSIGN_OR_RETURN(Result listed, TimeCalls("ListInteractions", calls, list_page));
  ResultTable table(title, "calls");
  table.AddBaseline(select);
  table.Add(listed);
  table.Print();
  return HistoryTimes{std::move(select), std::move(listed)};
}

}  // namespace cxhub::bench
