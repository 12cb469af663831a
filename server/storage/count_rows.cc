#include "server/storage/count_rows.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

absl::Status AddToCounts(TransactionContext& db, const CountTable& table,
                         absl::Span<const CountChange> changes) {
  std::string add_sql;
  std::string delete_empty_sql;
  for (const CountChange& change : changes) {
    if (change.change == 0) continue;
    if (add_sql.empty()) {
      add_sql = AddingUpsertSql(db.dialect(), table.table, table.key_columns, table.count_column);
      delete_empty_sql = absl::StrCat("DELETE FROM ", table.table, " WHERE ",
                                      absl::StrJoin(table.key_columns, " = ? AND "), " = ? AND ",
                                      table.count_column, " = 0");
    }
    std::vector<Param> params = change.key;
    params.emplace_back(change.change);
    CXHUB_RETURN_IF_ERROR(db.Execute(add_sql, params).status());
    if (change.change < 0) {
      CXHUB_RETURN_IF_ERROR(db.Execute(delete_empty_sql, change.key).status());
    }
  }
  return absl::OkStatus();
}

}  // namespace cxhub
