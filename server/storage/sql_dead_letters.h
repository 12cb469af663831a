// Dead letters in SQL: records a connector could not ingest, kept with the reason and the raw
// bytes for listing and retry (table dead_letters), inside one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_DEAD_LETTERS_H_
#define CXHUB_SERVER_STORAGE_SQL_DEAD_LETTERS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/store.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the dead letter methods of StoreReader / StoreWriter (see server/core/store.h for
// their contracts).
class SqlDeadLetters {
 public:
  // `db` must outlive this object.
  explicit SqlDeadLetters(TransactionContext& db) : db_(db) {}

  absl::StatusOr<DeadLetter> Get(DeadLetterId id);
  absl::StatusOr<std::vector<DeadLetter>> List(const std::string& connector, DeadLetterId after_id,
                                               int limit);
  absl::StatusOr<DeadLetterId> Insert(const DeadLetter& dead_letter);
  absl::Status Update(const DeadLetter& dead_letter);
  absl::Status Delete(DeadLetterId id);

 private:
  // Dead letters matching `where`, by id; the last parameter is the page size.
  absl::StatusOr<std::vector<DeadLetter>> Page(absl::string_view where,
                                               absl::Span<const Param> params);

  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_DEAD_LETTERS_H_
