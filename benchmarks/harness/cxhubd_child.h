// For benchmarks that run the build's cxhubd as a child process (tests/processes'
// CxhubdProcess), so that its resident size and threads are the server's alone.
#ifndef CXHUB_BENCHMARKS_HARNESS_CXHUBD_CHILD_H_
#define CXHUB_BENCHMARKS_HARNESS_CXHUBD_CHILD_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace cxhub::bench {

// A numeric field of /proc/<process>/status ("self" for this one), such as "VmRSS", "VmHWM"
// (kB) or "Threads"; -1 when it cannot be read.
int64_t ProcStatus(const std::string& process, const std::string& field);

// The port of cxhubd's "serving" line in `log`, waiting up to a minute for it.
absl::StatusOr<int> ServingPort(const std::string& log);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_CXHUBD_CHILD_H_
