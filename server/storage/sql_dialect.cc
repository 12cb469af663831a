#include "server/storage/sql_dialect.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace cxhub {
namespace {

// How the value an upsert tried to insert into `column` is named in its update clause.
std::string InsertedValue(const SqlDialect& dialect, absl::string_view column) {
  switch (dialect.upsert) {
    case UpsertSyntax::kOnConflict:
      return absl::StrCat("excluded.", column);
    case UpsertSyntax::kOnDuplicateKey:
      return absl::StrCat("VALUES(", column, ")");
  }
  return std::string(column);
}

// The INSERT of `rows` rows of key_columns and value_columns, then the update clause made of
// `sets`.
std::string Upsert(const SqlDialect& dialect, absl::string_view table,
                   absl::Span<const absl::string_view> key_columns,
                   absl::Span<const absl::string_view> value_columns,
                   const std::vector<std::string>& sets, size_t rows = 1) {
  std::vector<absl::string_view> columns(key_columns.begin(), key_columns.end());
  columns.insert(columns.end(), value_columns.begin(), value_columns.end());
  const std::vector<absl::string_view> marks(columns.size(), "?");
  const std::string row = absl::StrCat("(", absl::StrJoin(marks, ", "), ")");
  const std::vector<absl::string_view> tuples(rows, row);
  std::string sql = absl::StrCat("INSERT INTO ", table, " (", absl::StrJoin(columns, ", "),
                                 ") VALUES ", absl::StrJoin(tuples, ", "));
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

}  // namespace

std::string UpsertSql(const SqlDialect& dialect, absl::string_view table,
                      absl::Span<const absl::string_view> key_columns,
                      absl::Span<const absl::string_view> value_columns, size_t rows) {
  std::vector<std::string> sets;
  for (absl::string_view column : value_columns) {
    sets.push_back(absl::StrCat(column, " = ", InsertedValue(dialect, column)));
  }
  return Upsert(dialect, table, key_columns, value_columns, sets, rows);
}

std::string AddingUpsertSql(const SqlDialect& dialect, absl::string_view table,
                            absl::Span<const absl::string_view> key_columns,
                            absl::Span<const absl::string_view> counter_columns, size_t rows) {
  std::vector<std::string> sets;
  for (absl::string_view column : counter_columns) {
    sets.push_back(absl::StrCat(column, " = ", column, " + ", InsertedValue(dialect, column)));
  }
  return Upsert(dialect, table, key_columns, counter_columns, sets, rows);
}

}  // namespace cxhub
