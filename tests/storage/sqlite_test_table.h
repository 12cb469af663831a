// A table for the SQLite driver's own tests (the page cache wrapper's and the log VFS's): an
// integer key and an indexed text, filled in one statement with keys in a scattered order, so
// that inserts split and rebalance pages all over the index. Header-only.
#ifndef CXHUB_TESTS_STORAGE_SQLITE_TEST_TABLE_H_
#define CXHUB_TESTS_STORAGE_SQLITE_TEST_TABLE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_dialect.h"
#include "server/storage/transaction_context.h"

namespace cxhub::test {

inline constexpr absl::string_view kScatteredTable =
    "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL); CREATE INDEX t_k ON t (k);";

// Inserts the rows [first, first + count) of kScatteredTable, each key `digits` digits long
// behind a scattered prefix.
inline absl::Status InsertScatteredRows(Connection& db, int first, int count, int digits) {
  return db.Execute(absl::StrCat("WITH RECURSIVE n(i) AS (SELECT ", first,
                                 " UNION ALL SELECT i + 1 FROM n WHERE i < ", first + count - 1,
                                 ") INSERT INTO t (id, k) SELECT i, printf('%08d-%0", digits,
                                 "d', (i * 7919) % 100003, i) FROM n"));
}

// The first column of the first row of `sql` as text: "no row" when there is none, the status
// when the query fails.
inline std::string FirstValue(Connection& db, absl::string_view sql) {
  TransactionContext context(db, SqliteDialect());
  absl::StatusOr<std::optional<std::string>> value = context.QueryOne<std::string>(
      sql, {},
      [](const Statement& row) -> absl::StatusOr<std::string> { return row.ColumnText(0); });
  if (!value.ok()) return value.status().ToString();
  return value->value_or("no row");
}

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_STORAGE_SQLITE_TEST_TABLE_H_
