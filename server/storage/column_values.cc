#include "server/storage/column_values.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/storage/sql_param.h"

namespace cxhub {
namespace {

std::string JoinColumns(absl::Span<const ColumnValue> columns, absl::string_view suffix) {
  return absl::StrJoin(columns, ", ", [suffix](std::string* out, const ColumnValue& column) {
    absl::StrAppend(out, column.column, suffix);
  });
}

}  // namespace

std::string InsertSql(absl::string_view table, absl::Span<const ColumnValue> columns) {
  return InsertRowsSql(table, columns, 1);
}

std::string InsertRowsSql(absl::string_view table, absl::Span<const ColumnValue> columns,
                          size_t rows) {
  const std::vector<absl::string_view> marks(columns.size(), "?");
  const std::string row = absl::StrCat("(", absl::StrJoin(marks, ", "), ")");
  const std::vector<absl::string_view> tuples(rows, row);
  return absl::StrCat("INSERT INTO ", table, " (", JoinColumns(columns, ""), ") VALUES ",
                      absl::StrJoin(tuples, ", "));
}

std::string UpdateSql(absl::string_view table, absl::Span<const ColumnValue> columns,
                      absl::string_view where) {
  return absl::StrCat("UPDATE ", table, " SET ", JoinColumns(columns, " = ?"), " WHERE ", where);
}

std::vector<Param> ValuesOf(absl::Span<const ColumnValue> columns, absl::Span<const Param> more) {
  std::vector<Param> values;
  values.reserve(columns.size() + more.size());
  AppendValuesOf(columns, values);
  values.insert(values.end(), more.begin(), more.end());
  return values;
}

void AppendValuesOf(absl::Span<const ColumnValue> columns, std::vector<Param>& values) {
  for (const ColumnValue& column : columns) values.push_back(column.value);
}

}  // namespace cxhub
