// Retrying source dead letters: the raw bytes go back to the connector's plugin (ABI 1.1
// reparse) as the plugin file is now, so an upgrade that fixes the parser ingests them, once; a
// plugin built for ABI 1.0 keeps loading and its retries answer UNIMPLEMENTED naming it.
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/host_fixture.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

// The source dead letter of `connector` (there is exactly one).
DeadLetter OnlySourceDeadLetter(const std::vector<DeadLetter>& dead) {
  EXPECT_THAT(dead, SizeIs(1));
  EXPECT_EQ(dead.at(0).payload, DeadLetterPayload::kSource);
  return dead.at(0);
}

// Replaces the plugin file with the build at `built_path`: a new file (new inode), as a package
// upgrade does; the server is restarted after it, as after any upgrade.
void UpgradePlugin(const std::string& plugin_dir_file, const std::string& built_path) {
  std::filesystem::remove(plugin_dir_file);
  std::filesystem::copy_file(built_path, plugin_dir_file);
}

TEST_P(HostTest, RetryingASourceDeadLetterAfterAParserFixIngestsItOnce) {
  AppendFile("in.txt", Line("m1", "ana@example.com") + Line("m2", "bob"));
  StartHost({LineConnector("lines", "in.txt")});
  WaitFor("lines", [](const ConnectorView& v) {
    return v.counters.records_in == 1 && v.counters.dead_lettered == 1;
  });
  const DeadLetter dead = OnlySourceDeadLetter(DeadLetters("lines"));

  // The plugin as it is still cannot read the line: nothing changes.
  absl::StatusOr<IngestResult> refused = host().dead_letters().Retry(dead.id);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("still cannot re-parse"));
  EXPECT_THAT(refused.status().message(), HasSubstr("has no '@'"));
  EXPECT_THAT(DeadLetters("lines"), SizeIs(1));

  StopHost();
  UpgradePlugin(PathOf("plugins/test_lines.so"), TestPlugins::kLenient);
  StartHost({LineConnector("lines", "in.txt")});
  absl::StatusOr<IngestResult> retried = host().dead_letters().Retry(dead.id);
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->outcome, IngestOutcome::kInserted);
  EXPECT_THAT(DeadLetters("lines"), SizeIs(0));
  EXPECT_THAT(Interactions(), SizeIs(2));
  EXPECT_EQ(host().dead_letters().Retry(dead.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(Interactions(), SizeIs(2));
}

TEST_P(HostTest, APluginBuiltForAbi10LoadsReadsAndAnswersUnimplementedOnRetry) {
  const std::string plugin = InstallPlugin(TestPlugins::kAbi10);
  AppendFile("in.txt", Line("m1", "ana@example.com") + "not a record\n");
  StartHost({LineConnector("old", "in.txt", plugin)});
  WaitFor("old", [](const ConnectorView& v) {
    return v.counters.records_in == 1 && v.counters.dead_lettered == 1;
  });
  const DeadLetter dead = OnlySourceDeadLetter(DeadLetters("old"));
  absl::StatusOr<IngestResult> retried = host().dead_letters().Retry(dead.id);
  EXPECT_EQ(retried.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(retried.status().message(), HasSubstr("test_lines_abi_1_0.so"));
  EXPECT_THAT(retried.status().message(), HasSubstr("ABI 1.0"));
  EXPECT_THAT(DeadLetters("old"), SizeIs(1));
}

}  // namespace
}  // namespace cxhub
