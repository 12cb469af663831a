// The example plugin, built outside the tree against the installed SDK (the sdk.build_example
// fixture), loaded into the real cxhubd: its records arrive, and the process holds one copy of
// the generated protobuf code although the plugin was linked against the installed one.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/v1/connector.pb.h"
#include "cxhub/v1/customer.pb.h"
#include "cxhub/v1/interaction.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/cxhub_client.h"
#include "tests/server/cxhubd_daemon.h"

namespace cxhub {
namespace {

using ::cxhub::e2e::CxhubClient;
using ::cxhub::test::Daemon;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

std::vector<std::string> Bodies(const std::vector<v1::Interaction>& history) {
  std::vector<std::string> bodies;
  for (const v1::Interaction& interaction : history) bodies.push_back(interaction.body());
  return bodies;
}

// The distinct files mapped into process `pid` whose name contains `name`.
std::set<std::string> MappedFiles(pid_t pid, absl::string_view name) {
  std::ifstream maps(absl::StrCat("/proc/", pid, "/maps"));
  std::set<std::string> files;
  for (std::string line; std::getline(maps, line);) {
    const size_t path_at = line.find('/');
    if (path_at != std::string::npos && absl::StrContains(line, name)) {
      files.insert(line.substr(path_at));
    }
  }
  return files;
}

class InstalledSdk : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / absl::StrCat("installed_sdk_", getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A config serving on a free loopback port with one connector, "notes", reading `notes_file`
  // through the example plugin.
  std::string WriteConfig(const std::string& notes_file) {
    const std::string path = (dir_ / "cxhub.textproto").string();
    std::ofstream(path) << "listen_address: \"127.0.0.1:0\"\n"
                        << "security { plaintext: true auth_disabled: true }\n"
                        << "store { sqlite { path: \"" << (dir_ / "cxhub.db").string() << "\" } }\n"
                        << "default_phone_region: \"PT\"\n"
                        << "plugin_dirs: \"" << EXAMPLE_PLUGIN_DIR << "\"\n"
                        << "connectors {\n  name: \"notes\"\n  plugin: \"example_notes.so\"\n"
                        << "  options: \"file=" << notes_file << "\"\n}\n";
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(InstalledSdk, ExamplePluginBuiltOutOfTreeFeedsCxhubd) {
  const std::string notes = (dir_ / "notes.txt").string();
  std::ofstream(notes) << "ana@example.com|1709287200|Order 1042 arrived damaged\n"
                       << "this line is not a note\n"
                       << "rui@example.com|1709290800|Do you ship to Madeira?\n"
                       << "ana@example.com|1709294400|The replacement came today, thanks\n";
  Daemon daemon(WriteConfig(notes));
  const int port = daemon.WaitForPort();
  ASSERT_GT(port, 0) << "cxhubd did not start";
  CxhubClient client(port);

  absl::StatusOr<std::vector<v1::Connector>> connectors = client.WaitForFirstReads();
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  ASSERT_THAT(*connectors, SizeIs(1));
  EXPECT_EQ(connectors->front().plugin_name(), "example_notes");
  EXPECT_EQ(connectors->front().state(), v1::Connector::IDLE)
      << connectors->front().state_message();

  absl::StatusOr<v1::Customer> ana = client.Lookup(v1::EMAIL, "ana@example.com");
  ASSERT_TRUE(ana.ok()) << ana.status();
  absl::StatusOr<std::vector<v1::Interaction>> history = client.History(ana->name());
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(Bodies(*history),
              ElementsAre("The replacement came today, thanks", "Order 1042 arrived damaged"));
  absl::StatusOr<v1::Customer> rui = client.Lookup(v1::EMAIL, "rui@example.com");
  ASSERT_TRUE(rui.ok()) << rui.status();

  absl::StatusOr<std::vector<v1::DeadLetter>> dead_letters = client.AllDeadLetters();
  ASSERT_TRUE(dead_letters.ok()) << dead_letters.status();
  ASSERT_THAT(*dead_letters, SizeIs(1));
  EXPECT_THAT(dead_letters->front().reason(), HasSubstr("offset 54"));

  // The plugin was linked against the installed libcxhub_messages.so; cxhubd's own copy serves it.
  EXPECT_THAT(MappedFiles(daemon.pid(), "libcxhub_messages.so"), SizeIs(1));
}

}  // namespace
}  // namespace cxhub
