#include "benchmarks/analytics/aggregate_floor.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/status_macros.h"

namespace cxhub::bench {
namespace {

// `name` as an SQL identifier.
std::string Quoted(absl::string_view name) {
  return absl::StrCat("\"", absl::StrReplaceAll(name, {{"\"", "\"\""}}), "\"");
}

// Runs `sql` and returns the first column of each row as text.
absl::StatusOr<std::vector<std::string>> TextColumn(Connection& db, absl::string_view sql) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> statement, db.Prepare(sql));
  std::vector<std::string> values;
  while (true) {
    CXHUB_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return values;
    values.push_back(statement->ColumnText(0));
  }
}

absl::StatusOr<bool> HasRows(Connection& db, absl::string_view schema, absl::string_view table) {
  CXHUB_ASSIGN_OR_RETURN(
      const std::vector<std::string> found,
      TextColumn(db, absl::StrCat("SELECT 1 FROM ", schema, ".", Quoted(table), " LIMIT 1")));
  return !found.empty();
}

// The tables of `filled` that have rows there and none in main.
absl::StatusOr<std::vector<std::string>> StoreOnlyTables(Connection& db) {
  CXHUB_ASSIGN_OR_RETURN(const std::vector<std::string> tables,
                         TextColumn(db,
                                    "SELECT name FROM filled.sqlite_schema WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
  std::vector<std::string> store_only;
  for (const std::string& table : tables) {
    CXHUB_ASSIGN_OR_RETURN(const bool in_filled, HasRows(db, "filled", table));
    CXHUB_ASSIGN_OR_RETURN(const bool in_main, HasRows(db, "main", table));
    if (in_filled && !in_main) store_only.push_back(table);
  }
  return store_only;
}

// Copies `table` from filled into main, inside the caller's transaction.
absl::StatusOr<TableCopy> CopyTable(Connection& db, const std::string& table) {
  Stopwatch stopwatch;
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> insert,
                         db.Prepare(absl::StrCat("INSERT INTO main.", Quoted(table),
                                                 " SELECT * FROM filled.", Quoted(table))));
  if (absl::StatusOr<bool> stepped = insert->Step(); !stepped.ok()) {
    return absl::Status(stepped.status().code(),
                        absl::StrCat("copying ", table, ": ", stepped.status().message()));
  }
  return TableCopy{table, insert->RowsAffected(), stopwatch.Elapsed()};
}

absl::StatusOr<std::vector<TableCopy>> CopyAttached(Connection& db) {
  CXHUB_ASSIGN_OR_RETURN(const std::vector<std::string> tables, StoreOnlyTables(db));
  std::vector<TableCopy> copies;
  if (tables.empty()) return copies;
  CXHUB_RETURN_IF_ERROR(db.BeginWrite());
  for (const std::string& table : tables) {
    absl::StatusOr<TableCopy> copy = CopyTable(db, table);
    if (!copy.ok()) {
      db.Rollback().IgnoreError();  // The copy's error is the one to report.
      return copy.status();
    }
    copies.push_back(*std::move(copy));
  }
  Stopwatch commit;
  CXHUB_RETURN_IF_ERROR(db.Commit());
  copies.back().elapsed += commit.Elapsed();
  return copies;
}

}  // namespace

absl::StatusOr<std::vector<TableCopy>> CopyStoreOnlyTables(Connection& raw,
                                                           const std::string& filled_path) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> attach,
                         raw.Prepare("ATTACH DATABASE ? AS filled"));
  attach->BindText(1, filled_path);
  CXHUB_RETURN_IF_ERROR(attach->Step().status());
  attach.reset();
  absl::StatusOr<std::vector<TableCopy>> copies = CopyAttached(raw);
  absl::Status detached = raw.Execute("DETACH DATABASE filled");
  if (!copies.ok()) return copies.status();
  CXHUB_RETURN_IF_ERROR(detached);
  return copies;
}

}  // namespace cxhub::bench
