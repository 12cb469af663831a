#include "benchmarks/analytics/aggregate_floor.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/status_macros.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_dialect.h"
#include "server/storage/transaction_context.h"

namespace cxhub::bench {
namespace {

// `name` as an SQL identifier.
std::string Quoted(absl::string_view name) {
  return absl::StrCat("\"", absl::StrReplaceAll(name, {{"\"", "\"\""}}), "\"");
}

// The tables of `filled` that have rows there and none in main.
absl::StatusOr<std::vector<std::string>> StoreOnlyTables(TransactionContext& db) {
  CXHUB_ASSIGN_OR_RETURN(
      const std::vector<std::string> tables,
      db.Query<std::string>("SELECT name FROM filled.sqlite_schema WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                            {}, [](const Statement& row) -> absl::StatusOr<std::string> {
                              return row.ColumnText(0);
                            }));
  std::vector<std::string> store_only;
  for (const std::string& table : tables) {
    const std::string quoted = Quoted(table);
    CXHUB_ASSIGN_OR_RETURN(const bool in_filled,
                           db.Exists(absl::StrCat("SELECT 1 FROM filled.", quoted), {}));
    CXHUB_ASSIGN_OR_RETURN(const bool in_main,
                           db.Exists(absl::StrCat("SELECT 1 FROM main.", quoted), {}));
    if (in_filled && !in_main) store_only.push_back(table);
  }
  return store_only;
}

// Copies every one of `tables` from filled into main, in the caller's transaction.
absl::StatusOr<std::vector<TableCopy>> CopyTables(TransactionContext& db,
                                                  absl::Span<const std::string> tables) {
  std::vector<TableCopy> copies;
  for (const std::string& table : tables) {
    Stopwatch stopwatch;
    absl::StatusOr<int64_t> rows = db.Execute(
        absl::StrCat("INSERT INTO main.", Quoted(table), " SELECT * FROM filled.", Quoted(table)),
        {});
    if (!rows.ok()) {
      return absl::Status(rows.status().code(),
                          absl::StrCat("copying ", table, ": ", rows.status().message()));
    }
    copies.push_back({table, *rows, stopwatch.Elapsed()});
  }
  return copies;
}

absl::StatusOr<std::vector<TableCopy>> CopyAttached(Connection& raw) {
  TransactionContext db(raw, SqliteDialect());
  CXHUB_ASSIGN_OR_RETURN(const std::vector<std::string> tables, StoreOnlyTables(db));
  if (tables.empty()) return std::vector<TableCopy>();
  CXHUB_RETURN_IF_ERROR(raw.BeginWrite());
  absl::StatusOr<std::vector<TableCopy>> copies = CopyTables(db, tables);
  if (!copies.ok()) {
    raw.Rollback().IgnoreError();  // The copy's error is the one to report.
    return copies.status();
  }
  Stopwatch commit;
  CXHUB_RETURN_IF_ERROR(raw.Commit());
  copies->back().elapsed += commit.Elapsed();
  return copies;
}

}  // namespace

absl::StatusOr<std::vector<TableCopy>> CopyStoreOnlyTables(Connection& raw,
                                                           const std::string& filled_path) {
  TransactionContext db(raw, SqliteDialect());
  CXHUB_RETURN_IF_ERROR(db.Execute("ATTACH DATABASE ? AS filled", {filled_path}).status());
  absl::StatusOr<std::vector<TableCopy>> copies = CopyAttached(raw);
  const absl::Status detached = raw.Execute("DETACH DATABASE filled");
  if (!copies.ok()) return copies.status();
  CXHUB_RETURN_IF_ERROR(detached);
  return copies;
}

}  // namespace cxhub::bench
