#include "server/storage/id_pages.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_driver.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

absl::Status CheckPageLimit(int limit) {
  if (limit <= 0) return absl::InvalidArgumentError(absl::StrCat("limit must be > 0: ", limit));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<int64_t>> LastIdOfPage(TransactionContext& db, absl::string_view table,
                                                    absl::string_view condition, int64_t after_id,
                                                    int limit) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  const std::string sql =
      absl::StrCat("SELECT MAX(id) FROM (SELECT id FROM ", table, " WHERE id > ?",
                   condition.empty() ? "" : " AND ", condition, " ORDER BY id LIMIT ?) page");
  // MAX over no rows is one NULL row.
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<std::optional<int64_t>> last,
      db.QueryOne<std::optional<int64_t>>(sql, {after_id, static_cast<int64_t>(limit)},
                                          [](const Statement& row) -> std::optional<int64_t> {
                                            if (row.ColumnIsNull(0)) return std::nullopt;
                                            return row.ColumnInt64(0);
                                          }));
  return last.value_or(std::nullopt);
}

}  // namespace cxhub
