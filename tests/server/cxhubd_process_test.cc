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
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "simdjson.h"
#include "tests/server/cxhubd_daemon.h"

namespace cxhub {
namespace {

using ::cxhub::test::Daemon;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

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
                        (dir_ / "cxhub.db").string(), "\" } }\ndefault_phone_region: \"PT\"\n",
                        "security { plaintext: true auth_disabled: true }\n");
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

TEST_F(CxhubdProcess, ASecondServerOnTheSameSqliteFileFailsAtStartSayingWhy) {
  Daemon first(WriteConfig(ValidConfig()));
  ASSERT_GT(first.WaitForPort(), 0);

  // The first holds the file for as long as it runs (sqlite_wal_writes.h).
  Daemon second(WriteConfig(ValidConfig()));
  const std::string refused = second.ReadLine();
  EXPECT_THAT(refused, HasSubstr((dir_ / "cxhub.db").string()));
  EXPECT_THAT(refused, HasSubstr("database is locked (another process has it open"));
  EXPECT_EQ(second.WaitForExit(absl::Seconds(60)), 1);
  // So does the sqlite3 shell (scripts/install-deps installs it).
  const std::string shell = absl::StrCat("sqlite3 '", (dir_ / "cxhub.db").string(),
                                         "' 'SELECT COUNT(*) FROM customers' 2>&1");
  FILE* output = popen(shell.c_str(), "r");
  ASSERT_NE(output, nullptr);
  std::string said;
  for (char buffer[256]; std::fgets(buffer, sizeof buffer, output) != nullptr;) said += buffer;
  EXPECT_NE(pclose(output), 0) << said;
  EXPECT_THAT(said, HasSubstr("database is locked"));

  first.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(absl::Seconds(30)), 0);
  Daemon third(WriteConfig(ValidConfig()));
  EXPECT_GT(third.WaitForPort(), 0) << "the file is free once the first server has stopped";
  third.Signal(SIGTERM);
  EXPECT_EQ(third.WaitForExit(absl::Seconds(30)), 0);
}

TEST_F(CxhubdProcess, JsonLogFormatWritesOneParseableObjectPerLine) {
  Daemon daemon(WriteConfig(ValidConfig() + "log { format: LOG_FORMAT_JSON }\n"));
  std::vector<std::string> lines;
  for (std::string line = daemon.ReadLine(); !line.empty(); line = daemon.ReadLine()) {
    lines.push_back(line);
    if (absl::StrContains(line, "\"event\":\"serving\"")) break;
  }
  daemon.Signal(SIGTERM);
  for (std::string line = daemon.ReadLine(); !line.empty(); line = daemon.ReadLine()) {
    lines.push_back(line);
  }
  EXPECT_EQ(daemon.WaitForExit(absl::Seconds(30)), 0);

  simdjson::dom::parser parser;
  std::vector<std::string> events;
  for (const std::string& line : lines) {
    simdjson::dom::element document;
    ASSERT_EQ(parser.parse(line).get(document), simdjson::SUCCESS) << line;
    std::string_view event;
    std::string_view level;
    std::string_view time;
    ASSERT_EQ(document["event"].get(event), simdjson::SUCCESS) << line;
    ASSERT_EQ(document["level"].get(level), simdjson::SUCCESS) << line;
    ASSERT_EQ(document["time"].get(time), simdjson::SUCCESS) << line;
    EXPECT_EQ(level, "info") << line;
    events.emplace_back(event);
    if (event == "serving") {
      int64_t port = 0;
      EXPECT_EQ(document["fields"]["port"].get(port), simdjson::SUCCESS) << line;
      EXPECT_GT(port, 0);
    }
  }
  EXPECT_THAT(events, ElementsAre("serving", "shutting_down", "stopped"));
}

TEST_F(CxhubdProcess, TextLogLinesNameTheEventAndItsFields) {
  Daemon daemon(WriteConfig(ValidConfig()));
  const std::string serving = daemon.ReadLine();
  EXPECT_THAT(serving, ::testing::MatchesRegex("[-0-9T:.]+Z INFO serving port=[0-9]+ "
                                               "listen_address=127.0.0.1:0\n"));
  daemon.Signal(SIGINT);
  EXPECT_THAT(daemon.ReadLine(), HasSubstr(" INFO shutting_down signal=SIGINT\n"));
  EXPECT_THAT(daemon.ReadLine(), HasSubstr(" INFO stopped\n"));
  EXPECT_EQ(daemon.WaitForExit(absl::Seconds(30)), 0);
}

TEST_F(CxhubdProcess, SighupRereadsTheTokensFileAndKeepsServing) {
  std::string config = ValidConfig();
  const std::string tokens = (dir_ / "tokens").string();
  config.replace(config.find("auth_disabled: true"), 19, "tokens_file: \"" + tokens + "\"");
  std::ofstream(tokens) << "ci reader " << std::string(64, 'a') << "\n";
  Daemon daemon(WriteConfig(config));
  EXPECT_THAT(daemon.ReadLine(), HasSubstr(" INFO serving "));
  daemon.Signal(SIGHUP);
  EXPECT_THAT(daemon.ReadLine(), HasSubstr(" INFO tokens_reloaded"));
  std::ofstream(tokens) << "ci owner " << std::string(64, 'a') << "\n";
  daemon.Signal(SIGHUP);
  EXPECT_THAT(daemon.ReadLine(), HasSubstr("ERROR tokens_reload_failed"));
  daemon.Signal(SIGTERM);
  EXPECT_THAT(daemon.ReadLine(), HasSubstr(" INFO shutting_down signal=SIGTERM\n"));
  EXPECT_THAT(daemon.ReadLine(), HasSubstr(" INFO stopped\n"));
  EXPECT_EQ(daemon.WaitForExit(absl::Seconds(30)), 0);
}

TEST_F(CxhubdProcess, PlainTextBeyondLoopbackRefusesToStartSayingWhy) {
  std::string config = ValidConfig();
  config.replace(config.find("127.0.0.1:0"), 11, "0.0.0.0:0");
  Daemon daemon(WriteConfig(config));
  EXPECT_THAT(daemon.ReadLine(),
              HasSubstr("refusing to serve plain text on 0.0.0.0:0, which is not a loopback"));
  EXPECT_NE(daemon.WaitForExit(absl::Seconds(30)), 0);
}

}  // namespace
}  // namespace cxhub
