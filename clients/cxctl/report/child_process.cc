#include "clients/cxctl/report/child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

extern char** environ;

namespace cxhub::cxctl {
namespace {

// A pipe whose ends close when it goes out of scope.
class Pipe {
 public:
  Pipe() = default;
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    CloseRead();
    CloseWrite();
  }

  absl::Status Open() {
    if (pipe2(fds_.data(), O_CLOEXEC) != 0) {
      return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
    }
    return absl::OkStatus();
  }
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void CloseRead() { Close(fds_[0]); }
  void CloseWrite() { Close(fds_[1]); }

 private:
  static void Close(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
  }
  std::array<int, 2> fds_ = {-1, -1};
};

// Writes `input` to `to_child` and reads `from_out` and `from_err` to their ends, whichever is
// ready first. Closes `to_child` when everything is written.
absl::Status Exchange(const std::string& input, Pipe& to_child, Pipe& from_out, Pipe& from_err,
                      ChildProcessResult& result) {
  size_t written = 0;
  if (input.empty()) to_child.CloseWrite();
  bool out_open = true;
  bool err_open = true;
  char buffer[65536];
  while (out_open || err_open || to_child.write_end() >= 0) {
    std::array<pollfd, 3> fds = {pollfd{from_out.read_end(), POLLIN, 0},
                                 pollfd{from_err.read_end(), POLLIN, 0},
                                 pollfd{to_child.write_end(), POLLOUT, 0}};
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(absl::StrCat("poll: ", std::strerror(errno)));
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        (i == 0 ? from_out : from_err).CloseRead();
        (i == 0 ? out_open : err_open) = false;
      }
    }
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      const ssize_t n = write(fds[2].fd, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      // A child that exits without reading all of its input is its own business.
      if ((n < 0 && errno != EINTR && errno != EAGAIN) || written == input.size()) {
        to_child.CloseWrite();
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ChildProcessResult> RunChildProcess(const std::vector<std::string>& argv,
                                                   const std::string& input) {
  if (argv.empty()) return absl::InvalidArgumentError("no program to run");
  Pipe to_child, from_out, from_err;
  for (Pipe* pipe : {&to_child, &from_out, &from_err}) {
    if (absl::Status status = pipe->Open(); !status.ok()) return status;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child.read_end(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_out.write_end(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_err.write_end(), STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return absl::NotFoundError(absl::StrCat("cannot run ", argv[0], ": ", std::strerror(spawned)));
  }
  // The child's ends belong to the child now; an open copy here would hide its end of file.
  to_child.CloseRead();
  from_out.CloseWrite();
  from_err.CloseWrite();
  // A child that stops reading must not kill us with SIGPIPE.
  struct sigaction ignore = {}, previous = {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &previous);
  ChildProcessResult result;
  const absl::Status exchanged = Exchange(input, to_child, from_out, from_err, result);
  sigaction(SIGPIPE, &previous, nullptr);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!exchanged.ok()) return exchanged;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace cxhub::cxctl
