// Runs a program as a child process (posix_spawn, no shell) with bytes on its stdin, and
// collects what it writes to stdout and stderr. The report uses it for Graphviz's `dot`; tests
// use it for cxctl and headless Chromium.
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_CHILD_PROCESS_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_CHILD_PROCESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace cxhub::cxctl {

struct ChildProcessResult {
  int exit_code = -1;  // The exit status; 128 + the signal when a signal ended it.
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] a path, or a name looked up in PATH) with `input` on its stdin and waits
// for it to end. Reads and writes at once, so a child that answers before it has read all its
// input cannot block. NOT_FOUND when the program cannot be started (naming it); otherwise the
// result, whatever the exit code.
absl::StatusOr<ChildProcessResult> RunChildProcess(const std::vector<std::string>& argv,
                                                   const std::string& input);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_CHILD_PROCESS_H_
