// Who is a member of a segment, evaluated on demand: each condition compiles to one query over
// the interactions (or the customers, for attributes) that returns the customers matching it,
// or those not matching it when it holds for an absence (inactive, at most N); the sets are
// intersected with the live customers. Interactions of a merged customer are its survivor's, and
// a deleted customer has none and no row, so neither ever counts apart.
#ifndef CXHUB_SERVER_STORAGE_SQL_SEGMENT_MEMBERS_H_
#define CXHUB_SERVER_STORAGE_SQL_SEGMENT_MEMBERS_H_

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

class SqlSegmentMembers {
 public:
  // `db` must outlive this object.
  explicit SqlSegmentMembers(TransactionContext& db) : db_(db) {}

  // StoreReader::ListMatchingCustomers.
  absl::StatusOr<std::vector<CustomerId>> Match(const std::vector<SegmentCondition>& conditions,
                                                absl::Time now);

  // The members among `candidates` (ascending), evaluated for them alone: what Match would
  // return of them, at a cost that grows with the candidates rather than the store.
  absl::StatusOr<std::vector<CustomerId>> MatchAmong(
      const std::vector<SegmentCondition>& conditions, absl::Time now,
      absl::Span<const CustomerId> candidates);

  // StoreReader::CountChannelUse.
  absl::StatusOr<std::vector<ChannelUse>> CountChannelUse(
      const absl::flat_hash_set<CustomerId>& customers);

 private:
  // Match among `among` (null: everyone).
  absl::StatusOr<std::vector<CustomerId>> MatchIn(const std::vector<SegmentCondition>& conditions,
                                                  absl::Time now,
                                                  const std::vector<CustomerId>* among);

  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_SEGMENT_MEMBERS_H_
