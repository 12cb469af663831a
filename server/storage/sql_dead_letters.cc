#include "server/storage/sql_dead_letters.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/id_pages.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kDeadLetterColumns =
    "id, connector, reason, payload, raw, create_time, retry_count";

DeadLetter DeadLetterFromRow(const Statement& row) {
  DeadLetter dead_letter;
  dead_letter.id = row.ColumnInt64(0);
  dead_letter.connector = row.ColumnText(1);
  dead_letter.reason = row.ColumnText(2);
  dead_letter.payload = static_cast<DeadLetterPayload>(row.ColumnInt64(3));
  dead_letter.raw = row.ColumnBlob(4);
  dead_letter.create_time = FromMicros(row.ColumnInt64(5));
  dead_letter.retry_count = static_cast<int32_t>(row.ColumnInt64(6));
  return dead_letter;
}

absl::Status DeadLetterNotFound(DeadLetterId id) {
  return absl::NotFoundError(absl::StrCat("dead letter ", id, " not found"));
}

}  // namespace

absl::StatusOr<DeadLetter> SqlDeadLetters::Get(DeadLetterId id) {
  CXHUB_ASSIGN_OR_RETURN(std::optional<DeadLetter> found,
                         db_.QueryOne<DeadLetter>(absl::StrCat("SELECT ", kDeadLetterColumns,
                                                               " FROM dead_letters WHERE id = ?"),
                                                  {id}, DeadLetterFromRow));
  if (!found.has_value()) return DeadLetterNotFound(id);
  return *std::move(found);
}

absl::StatusOr<std::vector<DeadLetter>> SqlDeadLetters::List(const std::string& connector,
                                                             DeadLetterId after_id, int limit) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  const int64_t page = limit;
  if (connector.empty()) return Page("id > ?", {after_id, page});
  return Page("connector = ? AND id > ?", {connector, after_id, page});
}

absl::StatusOr<std::vector<DeadLetter>> SqlDeadLetters::Page(absl::string_view where,
                                                             absl::Span<const Param> params) {
  return db_.Query<DeadLetter>(
      absl::StrCat("SELECT ", kDeadLetterColumns, " FROM dead_letters WHERE ", where,
                   " ORDER BY id LIMIT ?"),
      params, DeadLetterFromRow);
}

absl::StatusOr<DeadLetterId> SqlDeadLetters::Insert(const DeadLetter& dead_letter) {
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("INSERT INTO dead_letters (connector, reason, payload, raw, create_time, "
                  "retry_count) VALUES (?, ?, ?, ?, ?, ?)",
                  {dead_letter.connector, dead_letter.reason,
                   static_cast<int64_t>(dead_letter.payload), Param::Blob(dead_letter.raw),
                   Micros(dead_letter.create_time), int64_t{dead_letter.retry_count}})
          .status());
  return db_.LastInsertId();
}

absl::Status SqlDeadLetters::Update(const DeadLetter& dead_letter) {
  CXHUB_ASSIGN_OR_RETURN(
      int64_t updated,
      db_.Execute("UPDATE dead_letters SET reason = ?, retry_count = ? WHERE id = ?",
                  {dead_letter.reason, int64_t{dead_letter.retry_count}, dead_letter.id}));
  // Matched rows on both backends (the MySQL driver connects with CLIENT_FOUND_ROWS).
  if (updated == 0) return DeadLetterNotFound(dead_letter.id);
  return absl::OkStatus();
}

absl::Status SqlDeadLetters::Delete(DeadLetterId id) {
  CXHUB_ASSIGN_OR_RETURN(int64_t deleted,
                         db_.Execute("DELETE FROM dead_letters WHERE id = ?", {id}));
  if (deleted == 0) return DeadLetterNotFound(id);
  return absl::OkStatus();
}

}  // namespace cxhub
