// Runs the real cxhubd binary as a child process: start-up errors, serving, and graceful
// shutdown on SIGTERM while a Watch stream is open.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

// A cxhubd child process whose stderr is captured.
class Daemon {
 public:
  explicit Daemon(const std::string& config_path) {
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

  ~Daemon() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stderr_ != nullptr) fclose(stderr_);
  }

  // The next line cxhubd writes to stderr, or "" at end of file.
  std::string ReadLine() {
    char buffer[4096];
    if (fgets(buffer, sizeof buffer, stderr_) == nullptr) return "";
    return buffer;
  }

  // Reads stderr until the "serving on port N" line; returns N or 0.
  int WaitForPort() {
    for (std::string line = ReadLine(); !line.empty(); line = ReadLine()) {
      constexpr char kPrefix[] = "cxhubd: serving on port ";
      size_t at = line.find(kPrefix);
      if (at == std::string::npos) continue;
      std::string rest = line.substr(at + sizeof(kPrefix) - 1);
      int port = 0;
      if (absl::SimpleAtoi(rest.substr(0, rest.find(' ')), &port)) return port;
    }
    return 0;
  }

  void Signal(int signal_number) { kill(pid_, signal_number); }

  // Waits for exit; returns the exit code, or -1 when killed by a signal or after `timeout`.
  int WaitForExit(absl::Duration timeout) {
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

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  FILE* stderr_ = nullptr;
};

class CxhubdProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           absl::StrCat("cxhubd_", getpid(), "_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string WriteConfig(const std::string& text) {
    std::string path = (dir_ / "cxhub.textproto").string();
    std::ofstream(path) << text;
    return path;
  }

  std::string ValidConfig() {
    return absl::StrCat("listen_address: \"127.0.0.1:0\"\nstore { sqlite { path: \"",
                        (dir_ / "cxhub.db").string(), "\" } }\ndefault_phone_region: \"PT\"\n");
  }

  std::filesystem::path dir_;
};

TEST_F(CxhubdProcess, BadConfigExitsWithTheFieldNamed) {
  Daemon daemon(WriteConfig("listen_address: \"127.0.0.1:0\"\ndefault_phone_region: \"PT\"\n"));
  std::string line = daemon.ReadLine();
  EXPECT_THAT(line, HasSubstr("store: one of sqlite or mysql is required"));
  EXPECT_EQ(daemon.WaitForExit(absl::Seconds(30)), 2);
}

TEST_F(CxhubdProcess, UnknownPhoneRegionFailsAtStart) {
  std::string config = ValidConfig();
  config.replace(config.find("\"PT\""), 4, "\"XX\"");
  Daemon daemon(WriteConfig(config));
  EXPECT_THAT(daemon.ReadLine(), HasSubstr("default_phone_region"));
  EXPECT_EQ(daemon.WaitForExit(absl::Seconds(30)), 1);
}

TEST_F(CxhubdProcess, ServesThenStopsOnSigtermEndingOpenWatchStreams) {
  Daemon daemon(WriteConfig(ValidConfig()));
  int port = daemon.WaitForPort();
  ASSERT_GT(port, 0);

  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
  auto customers = v1::CustomerService::NewStub(channel);
  grpc::ClientContext create_context;
  v1::CreateCustomerRequest create;
  create.mutable_customer()->set_display_name("Marta Ferreira");
  v1::Customer created;
  ASSERT_TRUE(customers->CreateCustomer(&create_context, create, &created).ok());
  EXPECT_EQ(created.name().rfind("customers/", 0), 0u);

  // A Watch stream is open when SIGTERM arrives; it must end and not hold the shutdown.
  auto interactions = v1::InteractionService::NewStub(channel);
  grpc::ClientContext watch_context;
  std::unique_ptr<grpc::ClientReader<v1::Interaction>> watch =
      interactions->WatchInteractions(&watch_context, v1::WatchInteractionsRequest());
  ASSERT_TRUE(channel->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10))));
  absl::SleepFor(absl::Milliseconds(200));  // Let the stream reach the server.

  // The grace period is 300 s: exiting within 60 s shows the open stream did not hold it.
  daemon.Signal(SIGTERM);
  v1::Interaction ignored;
  while (watch->Read(&ignored)) {
  }
  EXPECT_EQ(watch->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(daemon.WaitForExit(absl::Seconds(60)), 0);

  // The data survived the shutdown: a new server on the same file sees the customer.
  Daemon again(WriteConfig(ValidConfig()));
  int second_port = again.WaitForPort();
  ASSERT_GT(second_port, 0);
  auto stub = v1::CustomerService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", second_port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext get_context;
  v1::GetCustomerRequest get;
  get.set_name(created.name());
  v1::Customer fetched;
  ASSERT_TRUE(stub->GetCustomer(&get_context, get, &fetched).ok());
  EXPECT_EQ(fetched.display_name(), "Marta Ferreira");
  again.Signal(SIGINT);
  EXPECT_EQ(again.WaitForExit(absl::Seconds(30)), 0);
}

}  // namespace
}  // namespace cxhub
