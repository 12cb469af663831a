// The real cxhub_web.so, loaded with the SDK's plugin loader and fed the sample and files the
// tests write.
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/recording_host.h"
#include "web_test_files.h"

namespace cxhub::web {
namespace {

using ::cxhub::plugins::LoadedPlugin;
using ::cxhub::plugins::PluginInstance;
using ::cxhub::test::LoadOrFail;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

LoadedPlugin Plugin() { return LoadOrFail(CXHUB_WEB_PLUGIN_PATH); }

PluginInstance Open(const std::string& options) {
  return ::cxhub::test::OpenOrFail(CXHUB_WEB_PLUGIN_PATH, options);
}

void WriteFile(const std::string& path, absl::string_view text,
               std::ios::openmode mode = std::ios::trunc) {
  std::ofstream out(path, std::ios::binary | mode);
  out << text;
}

TEST(WebConnector, AnnouncesItselfAsTheWebChannel) {
  const LoadedPlugin plugin = Plugin();
  EXPECT_EQ(plugin.info().name, "web");
  EXPECT_THAT(plugin.info().channels, ElementsAre("web"));
}

TEST(WebConnector, SampleGivesFiveVisitsTwoPurchasesAndOneDeadLetter) {
  PluginInstance instance = Open(test::SampleOptions(test::SampleVisitsPath()));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.ExternalIds(), ElementsAre("4101", "4102", "order:NW-10511", "4103", "4104",
                                             "4105", "order:NW-10533"));
  ASSERT_EQ(log.dead_letters.size(), 1u);
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("$: invalid JSON (truncated?)"));
  EXPECT_EQ(log.dead_letters[0].raw, test::SampleLines()[4]);
  EXPECT_THAT(log.logs, Contains(HasSubstr("read 5 visits and 2 purchases, 1 dead letters")));
  std::vector<std::string> intents;
  for (const auto& record : log.records) {
    if (record.interaction().kind() == v1::VISIT) {
      intents.push_back(record.interaction().attributes().at("visit_intent"));
    }
  }
  EXPECT_THAT(intents, ElementsAre("informational", "transactional", "informational",
                                   "informational", "transactional"));
}

TEST(WebConnector, ResumingFromTheLastCursorEmitsNothing) {
  PluginInstance instance = Open(test::SampleOptions(test::SampleVisitsPath()));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_FALSE(first.checkpoints.empty());
  EXPECT_THAT(first.checkpoints.back(), StartsWith("cxhub-web-cursor 1\n"));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.records, IsEmpty());
  EXPECT_THAT(second.dead_letters, IsEmpty());
}

TEST(WebConnector, AppendedVisitsAreReadAndARewrittenFileIsReadAgain) {
  test::TempDir dir;
  const std::string path = dir.path() + "/visits.jsonl";
  WriteFile(path, test::VisitLine("1") + "\n" + test::VisitLine("2") + "\n");
  PluginInstance instance = Open(test::SampleOptions(path));
  const ReadLog first = ReadOnce(instance, "");
  EXPECT_THAT(first.ExternalIds(), ElementsAre("1", "2"));
  WriteFile(path, test::VisitLine("3") + "\n" + test::VisitLine("4"), std::ios::app);
  const ReadLog appended = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(appended.ExternalIds(), ElementsAre("3")) << "the unfinished line waits";
  WriteFile(path, test::VisitLine("9") + "\n");  // truncated and rewritten: a new export
  const ReadLog rewritten = ReadOnce(instance, appended.checkpoints.back());
  EXPECT_THAT(rewritten.ExternalIds(), ElementsAre("9"));
}

TEST(WebConnector, BadOptionsRefuseToOpenWithTheReason) {
  absl::StatusOr<PluginInstance> instance = Plugin().Open("file=/tmp/visits.jsonl");
  ASSERT_FALSE(instance.ok());
  EXPECT_THAT(instance.status().message(), HasSubstr("user_id is required"));
}

}  // namespace
}  // namespace cxhub::web
