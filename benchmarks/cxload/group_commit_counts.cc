#include "benchmarks/cxload/group_commit_counts.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "server/core/status_macros.h"
#include "tests/monitoring/metric_samples.h"

namespace cxhub::cxload {
namespace {

constexpr absl::string_view kTransactions = "cxhub_record_group_commits_total";
constexpr absl::string_view kRecords = "cxhub_record_group_records_total";

absl::StatusOr<int64_t> Counter(absl::string_view scrape, absl::string_view name) {
  const std::optional<double> value = monitoring::SampleValue(scrape, name);
  if (!value.has_value()) return absl::NotFoundError(absl::StrCat("no ", name, " in the scrape"));
  return static_cast<int64_t>(*value);
}

}  // namespace

absl::StatusOr<GroupCommitCounts> ScrapeGroupCommitCounts(const std::string& address) {
  CXHUB_ASSIGN_OR_RETURN(const std::string scrape, monitoring::ScrapeMetrics(address));
  GroupCommitCounts counts;
  CXHUB_ASSIGN_OR_RETURN(counts.transactions, Counter(scrape, kTransactions));
  CXHUB_ASSIGN_OR_RETURN(counts.records, Counter(scrape, kRecords));
  return counts;
}

std::string DescribeGroupCommit(const GroupCommitCounts& before, const GroupCommitCounts& after) {
  const int64_t transactions = after.transactions - before.transactions;
  const int64_t records = after.records - before.records;
  if (transactions <= 0) return "group commit: no RecordInteraction transaction";
  return absl::StrFormat("group commit: %d transactions for %d records, %.1f records each",
                         transactions, records,
                         static_cast<double>(records) / static_cast<double>(transactions));
}

}  // namespace cxhub::cxload
