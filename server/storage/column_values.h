// Columns and the values bound to them, kept as one table so that an INSERT and an UPDATE of
// the same row are written from one list and cannot drift apart.
#ifndef CXHUB_SERVER_STORAGE_COLUMN_VALUES_H_
#define CXHUB_SERVER_STORAGE_COLUMN_VALUES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/storage/sql_param.h"

namespace cxhub {

struct ColumnValue {
  absl::string_view column;
  Param value;
};

// "INSERT INTO table (c1, c2) VALUES (?, ?)"; bind ValuesOf(columns).
std::string InsertSql(absl::string_view table, absl::Span<const ColumnValue> columns);

// "INSERT INTO table (c1, c2) VALUES (?, ?), (?, ?)" for `rows` rows (at least 1); bind the
// ValuesOf each row's columns, row after row.
std::string InsertRowsSql(absl::string_view table, absl::Span<const ColumnValue> columns,
                          size_t rows);

// "UPDATE table SET c1 = ?, c2 = ? WHERE <where>"; bind ValuesOf(columns, where's params).
std::string UpdateSql(absl::string_view table, absl::Span<const ColumnValue> columns,
                      absl::string_view where);

// The columns' values in order, then `more`.
std::vector<Param> ValuesOf(absl::Span<const ColumnValue> columns,
                            absl::Span<const Param> more = {});
// The columns' values in order, appended to `values`: one row of a multi-row statement.
void AppendValuesOf(absl::Span<const ColumnValue> columns, std::vector<Param>& values);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_COLUMN_VALUES_H_
