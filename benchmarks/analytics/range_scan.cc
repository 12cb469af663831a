#include "benchmarks/analytics/range_scan.h"

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/core/status_macros.h"

namespace cxhub::bench {

absl::StatusOr<std::string> ScanInteractionRange(Connection& raw, absl::string_view columns,
                                                 absl::Time start, absl::Time end,
                                                 absl::string_view order_by) {
  std::string sql = absl::StrCat("SELECT ", columns,
                                 " FROM interactions WHERE occur_time >= ? AND occur_time < ?");
  if (!order_by.empty()) absl::StrAppend(&sql, " ORDER BY ", order_by);
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> scan, raw.Prepare(sql));
  scan->BindInt64(1, absl::ToUnixMicros(start));
  scan->BindInt64(2, absl::ToUnixMicros(end));
  return ReadAllRows(*scan);
}

absl::StatusOr<std::string> ReadAllRows(Statement& statement) {
  int64_t rows = 0;
  for (;;) {
    CXHUB_ASSIGN_OR_RETURN(const bool has_row, statement.Step());
    if (!has_row) break;
    ++rows;
  }
  return absl::StrCat(rows, " rows");
}

}  // namespace cxhub::bench
