// The real cxhubd binary run as a child process by a test, its stderr captured.
#ifndef CXHUB_TESTS_SERVER_CXHUBD_DAEMON_H_
#define CXHUB_TESTS_SERVER_CXHUBD_DAEMON_H_

#include <sys/types.h>

#include <cstdio>
#include <string>

#include "absl/time/time.h"

namespace cxhub::test {

// A cxhubd child process started with `--config <config_path>`; killed on destruction unless it
// has exited.
class Daemon {
 public:
  explicit Daemon(const std::string& config_path);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // The next line cxhubd writes to stderr, or "" at end of file.
  std::string ReadLine();

  // Reads stderr until the "serving" line (text or JSON log format); returns its port or 0.
  int WaitForPort();

  void Signal(int signal_number);

  // Waits for exit; returns the exit code, or -1 when killed by a signal or after `timeout`.
  int WaitForExit(absl::Duration timeout);

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  FILE* stderr_ = nullptr;
};

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_SERVER_CXHUBD_DAEMON_H_
