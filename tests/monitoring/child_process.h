// A program a test runs beside itself (a Prometheus server), its output kept in a file so a
// failing test can show it. Stopped with SIGTERM (then SIGKILL) when destroyed, so a failed
// assertion never leaves it running.
#ifndef CXHUB_TESTS_MONITORING_CHILD_PROCESS_H_
#define CXHUB_TESTS_MONITORING_CHILD_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace cxhub::monitoring {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Runs `argv` (argv[0] is the program's path) with stdout and stderr appended to `log_path`.
  absl::Status Start(const std::vector<std::string>& argv, const std::string& log_path);

  // True while the process has not exited.
  bool Running();

  // SIGTERM, then SIGKILL when it has not exited within `grace`; waits for it.
  void Stop(absl::Duration grace = absl::Seconds(5));

  // What the process wrote so far.
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

}  // namespace cxhub::monitoring

#endif  // CXHUB_TESTS_MONITORING_CHILD_PROCESS_H_
