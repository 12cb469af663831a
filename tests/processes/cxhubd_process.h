// A real cxhubd as a child process, for tests that kill it: started with a config file, its
// stdout and stderr appended to a log, stopped with the signal the test chooses.
#ifndef CXHUB_TESTS_PROCESSES_CXHUBD_PROCESS_H_
#define CXHUB_TESTS_PROCESSES_CXHUBD_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"

namespace cxhub::testing {

class CxhubdProcess {
 public:
  // Starts `binary --config=<config>`; running() is false when fork failed.
  CxhubdProcess(const std::string& binary, const std::string& config, const std::string& log);
  ~CxhubdProcess();  // SIGKILL, if still running.
  CxhubdProcess(const CxhubdProcess&) = delete;
  CxhubdProcess& operator=(const CxhubdProcess&) = delete;

  // Sends `signal` and reaps the process; returns its wait status (0 when not running).
  int Stop(int signal);
  // The wait status once the process has ended by itself (reaped: running() turns false),
  // nullopt while it runs.
  std::optional<int> Poll();
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }  // -1 when not running.

 private:
  pid_t pid_ = -1;
};

// The seed of a test's kill schedule: CXHUB_CRASH_SEED to replay a failed run, else a random
// one. Says on stderr which it is and how to replay it.
uint32_t CrashSeed();

// Writes `config` as the text proto cxhubd --config reads; false when the file cannot be written.
bool WriteConfigFile(const config::v1::ServerConfig& config, const std::string& path);

// The port of cxhubd's "serving" log line, in text (port=N) or JSON ("port":N) format; 0 for
// any other line.
int PortOfServingLine(const std::string& line);

// The port of the first "serving" line in `log`, read again every 50 ms until `limit` has passed
// (DEADLINE_EXCEEDED then; a zero limit reads it once).
absl::StatusOr<int> WaitForServingPort(const std::string& log, absl::Duration limit);

// How many times cxhubd said it was serving in `log`.
int ServingLines(const std::string& log);

// The lines of `log` holding a report of AddressSanitizer, LeakSanitizer or
// UndefinedBehaviorSanitizer.
std::vector<std::string> SanitizerReports(const std::string& log);

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_PROCESSES_CXHUBD_PROCESS_H_
