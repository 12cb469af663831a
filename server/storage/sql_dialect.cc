#include "server/storage/sql_dialect.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace cxhub {

std::string UpsertSql(const SqlDialect& dialect, absl::string_view table,
                      absl::Span<const absl::string_view> key_columns,
                      absl::Span<const absl::string_view> value_columns) {
  std::vector<absl::string_view> columns(key_columns.begin(), key_columns.end());
  columns.insert(columns.end(), value_columns.begin(), value_columns.end());
  std::vector<absl::string_view> marks(columns.size(), "?");
  std::string sql = absl::StrCat("INSERT INTO ", table, " (", absl::StrJoin(columns, ", "),
                                 ") VALUES (", absl::StrJoin(marks, ", "), ")");
  std::vector<std::string> sets;
  for (absl::string_view column : value_columns) {
    switch (dialect.upsert) {
      case UpsertSyntax::kOnConflict:
        sets.push_back(absl::StrCat(column, " = excluded.", column));
        break;
      case UpsertSyntax::kOnDuplicateKey:
        sets.push_back(absl::StrCat(column, " = VALUES(", column, ")"));
        break;
    }
  }
  switch (dialect.upsert) {
    case UpsertSyntax::kOnConflict:
      absl::StrAppend(&sql, " ON CONFLICT (", absl::StrJoin(key_columns, ", "), ") DO UPDATE SET ",
                      absl::StrJoin(sets, ", "));
      break;
    case UpsertSyntax::kOnDuplicateKey:
      absl::StrAppend(&sql, " ON DUPLICATE KEY UPDATE ", absl::StrJoin(sets, ", "));
      break;
  }
  return sql;
}

}  // namespace cxhub
