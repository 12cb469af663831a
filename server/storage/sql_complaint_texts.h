// The texts complaint themes read (StoreReader::ListComplaintTexts): a range scan of the
// interactions by time (index interactions_journey, migration 0013, which leads with the time),
// keeping the rows of the chosen sources. Interactions move to the survivor when their customer is
// merged and go when it is deleted, so their customer_id is already the live one.
#ifndef CXHUB_SERVER_STORAGE_SQL_COMPLAINT_TEXTS_H_
#define CXHUB_SERVER_STORAGE_SQL_COMPLAINT_TEXTS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "server/core/store.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

class SqlComplaintTexts {
 public:
  // `db` must outlive this object.
  explicit SqlComplaintTexts(TransactionContext& db) : db_(db) {}

  // StoreReader::ListComplaintTexts.
  absl::StatusOr<std::vector<ComplaintText>> List(const ComplaintTextFilter& filter);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_COMPLAINT_TEXTS_H_
