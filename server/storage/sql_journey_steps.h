// The interactions behind a journey map (StoreReader::ForEachJourneyStep), read from the
// interactions table through the index on (occur_time, customer_id, ...) that covers them
// (migration 0013), then put in order in memory.
#ifndef CXHUB_SERVER_STORAGE_SQL_JOURNEY_STEPS_H_
#define CXHUB_SERVER_STORAGE_SQL_JOURNEY_STEPS_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "server/core/store.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

class SqlJourneySteps {
 public:
  // `db` must outlive this object.
  explicit SqlJourneySteps(TransactionContext& db) : db_(db) {}

  // StoreReader::ForEachJourneyStep.
  absl::Status ForEach(const JourneyStepFilter& filter,
                       absl::FunctionRef<absl::Status(const JourneyStep&)> on_step);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_JOURNEY_STEPS_H_
