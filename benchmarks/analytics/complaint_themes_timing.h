// The time of complaint themes (server/core/complaint_themes.h) on a filled store: the top
// phrases and intents of the generated span's last 30 days against the 30 before.
#ifndef CXHUB_BENCHMARKS_ANALYTICS_COMPLAINT_THEMES_TIMING_H_
#define CXHUB_BENCHMARKS_ANALYTICS_COMPLAINT_THEMES_TIMING_H_

#include <string>

#include "absl/status/status.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

// Prints a table of the calls' times (median and slowest of a few), titled with `backend`,
// beside a read of the texts of both months through `raw` (the baseline).
absl::Status TimeComplaintThemes(Store& store, Connection& raw, const std::string& backend);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_COMPLAINT_THEMES_TIMING_H_
