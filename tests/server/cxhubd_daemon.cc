#include "tests/server/cxhubd_daemon.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/processes/cxhubd_process.h"

namespace cxhub::test {

Daemon::Daemon(const std::string& config_path) {
  int pipe_fds[2];
  EXPECT_EQ(pipe(pipe_fds), 0);
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    execl(CXHUBD_PATH, CXHUBD_PATH, "--config", config_path.c_str(), "--shutdown_grace=300s",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_fds[1]);
  stderr_ = fdopen(pipe_fds[0], "r");
}

Daemon::~Daemon() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (stderr_ != nullptr) fclose(stderr_);
}

std::string Daemon::ReadLine() {
  char buffer[4096];
  if (fgets(buffer, sizeof buffer, stderr_) == nullptr) return "";
  return buffer;
}

int Daemon::WaitForPort() {
  for (std::string line = ReadLine(); !line.empty(); line = ReadLine()) {
    if (const int port = testing::PortOfServingLine(line); port > 0) return port;
  }
  return 0;
}

void Daemon::Signal(int signal_number) { kill(pid_, signal_number); }

int Daemon::WaitForExit(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return -1;
}

}  // namespace cxhub::test
