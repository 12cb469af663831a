#include "benchmarks/cxload/group_commit_counts.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "server/core/status_macros.h"
#include "tests/monitoring/http_get.h"

namespace cxhub::cxload {
namespace {

constexpr absl::string_view kTransactions = "cxhub_record_group_commits_total";
constexpr absl::string_view kRecords = "cxhub_record_group_records_total";

// The value of the unlabelled sample `name` in a scrape (the text exposition format: one
// "name value" line per sample).
absl::StatusOr<int64_t> SampleValue(absl::string_view scrape, absl::string_view name) {
  for (absl::string_view line : absl::StrSplit(scrape, '\n')) {
    if (!absl::ConsumePrefix(&line, name) || !absl::ConsumePrefix(&line, " ")) continue;
    double value = 0;
    if (!absl::SimpleAtod(line, &value)) {
      return absl::DataLossError(absl::StrCat(name, " is not a number: ", line));
    }
    return static_cast<int64_t>(value);
  }
  return absl::NotFoundError(absl::StrCat("no ", name, " in the scrape"));
}

}  // namespace

absl::StatusOr<GroupCommitCounts> ScrapeGroupCommitCounts(const std::string& address) {
  CXHUB_ASSIGN_OR_RETURN(const std::string scrape,
                         monitoring::HttpGet(absl::StrCat("http://", address, "/metrics")));
  GroupCommitCounts counts;
  CXHUB_ASSIGN_OR_RETURN(counts.transactions, SampleValue(scrape, kTransactions));
  CXHUB_ASSIGN_OR_RETURN(counts.records, SampleValue(scrape, kRecords));
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
