// How RecordInteraction's group commit shared transactions while cxload ran, from the counters
// cxhubd exposes on /metrics. A mix's record rate is bounded either by the store's one writer
// or by what keeps calls from reaching it; the records per transaction tell which: a writer
// that falls behind gathers large groups.
#ifndef CXHUB_BENCHMARKS_CXLOAD_GROUP_COMMIT_COUNTS_H_
#define CXHUB_BENCHMARKS_CXLOAD_GROUP_COMMIT_COUNTS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace cxhub::cxload {

struct GroupCommitCounts {
  int64_t transactions = 0;  // cxhub_record_group_commits_total
  int64_t records = 0;       // cxhub_record_group_records_total
};

// The counters of the metrics endpoint at `address` (host:port, path /metrics).
absl::StatusOr<GroupCommitCounts> ScrapeGroupCommitCounts(const std::string& address);

// "group commit: 9,939 transactions for 44,953 records, 4.5 records each": what was committed
// between two scrapes.
std::string DescribeGroupCommit(const GroupCommitCounts& before, const GroupCommitCounts& after);

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_GROUP_COMMIT_COUNTS_H_
